package ai.activation.inference;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

import ai.activation.catalog.Activation;
import ai.activation.engine.ValueBuffer;
import ai.activation.inference.InferenceRequest.Input;
import ai.activation.inference.InferenceRequest.JsonNumber;
import ai.activation.inference.InferenceRequest.Output;
import ai.activation.limits.LimitsProperties;

import org.springframework.http.HttpStatus;

/**
 * Reads the body of {@code POST /v2/models/{model}/infer}, streaming, into an
 * {@link InferenceRequest}: the JSON {@code $inference_request} of
 * kserve/open-inference-protocol {@code specification/protocol/inference_rest.md}, and
 * after it, when the {@value #HEADER_LENGTH} header is given, the binary tensor data of
 * Triton's binary tensor data extension (triton-inference-server/server
 * {@code docs/protocol/extension_binary_data.md}): each input with a
 * {@code binary_data_size} parameter has no {@code data}, its bytes follow the JSON in
 * input order, little-endian, row major. The request's {@code Content-Type} is never
 * consulted, since tritonclient's HTTP client may send none.
 *
 * <p>
 * {@code data} is a flat row-major array whose length is the product of {@code shape}, or
 * an array nested exactly as {@code shape}. Its elements are JSON numbers: any finite
 * double for {@code FP64}, a number within the float range for {@code FP32} (rounded to
 * the nearest float, as the tensor holds it), JSON integers within the type's range for
 * the integer datatypes. {@code FP16} and {@code BF16} come as binary data only;
 * {@code BYTES} not at all, and {@code BOOL} only for a mask: the functions that take one
 * (the softmax family, logsumexp, logmeanexp) take a second, optional input named
 * {@code mask}, with the input's shape, as {@code BOOL} (JSON {@code true} and
 * {@code false}, as the protocol's example request gives BOOL data; one byte, 0 or 1, in
 * binary data) or as 0 and 1 in a number datatype; binary data of both inputs follow the
 * JSON in input order. A header length of 0 is Triton's "raw binary request": the whole
 * body is the one input, as the model metadata describes it ({@code FP64}, one
 * dimension), and every output is answered as binary data.
 *
 * <p>
 * Every fault is an {@link InferenceException}: 400 with the place of the first offending
 * element or field in the sentence (e.g. {@code inputs[0].data[3][1]}), 413 for more
 * values than {@code activation.limits.max-values}, found before room for them is
 * allocated. The parser is held to the same {@link LimitsProperties} as
 * {@code /activate}'s, and room for values is reserved in the budget of values in flight
 * before it is allocated.
 */
final class InferenceRequestReader {

	/**
	 * The header that gives the length of the JSON object at the start of the body, from
	 * the binary tensor data extension.
	 */
	static final String HEADER_LENGTH = "Inference-Header-Content-Length";

	private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

	private static final Pattern SOURCE_REFERENCE = Pattern
		.compile("\\s*\\(?(start marker )?at \\[Source:[^\\]]*\\]\\)?|\\s*\\[Source:[^\\]]*\\]");

	private static final Pattern CONSTRAINT_REFERENCE = Pattern.compile(",? from `[^`]*`");

	private static final int CHUNK_BYTES = 1 << 16;

	private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

	private final JsonFactory factory;

	private final int maxRank;

	private final int maxValues;

	private final LongConsumer reserve;

	/**
	 * Creates a reader.
	 * @param limits the limits bodies are held to
	 * @param reserve called with a number of values before room for them is allocated;
	 * refuses by throwing
	 */
	InferenceRequestReader(LimitsProperties limits, LongConsumer reserve) {
		this.factory = JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(limits.getMaxNestingDepth() + 3)
				.maxNumberLength(limits.getMaxNumberLength())
				.maxDocumentLength(limits.getMaxDocumentLength().toBytes())
				.build())
			.build();
		this.maxRank = limits.getMaxRank();
		this.maxValues = limits.getMaxValues();
		this.reserve = reserve;
	}

	/**
	 * Reads one request body.
	 * @param function the model's function, named in messages
	 * @param body the body
	 * @param contentLength the body's length from {@code Content-Length}, or {@code -1}
	 * @param headerLength the {@value #HEADER_LENGTH} header, or {@code null}
	 * @return the request
	 * @throws InferenceException for a request that is not valid
	 * @throws IOException if the body cannot be read
	 */
	InferenceRequest read(Activation function, InputStream body, long contentLength, String headerLength)
			throws IOException {
		long jsonLength = -1;
		if (headerLength != null) {
			String text = headerLength.trim();
			if (!DIGITS.matcher(text).matches()) {
				throw InferenceException.badRequest("The " + HEADER_LENGTH + " header must be the length of the "
						+ "JSON inference request in bytes, a whole number from 0 to the body's length, but was '"
						+ Model.echo(headerLength) + "'.");
			}
			jsonLength = Long.parseLong(text);
			if (contentLength >= 0 && jsonLength > contentLength) {
				throw InferenceException.badRequest("The " + HEADER_LENGTH + " header says the JSON inference "
						+ "request is " + jsonLength + " bytes long, but the whole body is " + contentLength + ".");
			}
			if (jsonLength == 0) {
				return rawBinary(function, body, contentLength);
			}
		}
		Header header = new Header(function, jsonLength >= 0);
		InputStream json = (jsonLength >= 0) ? new BoundedStream(body, jsonLength) : body;
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), json)) {
			header.document(parser);
		}
		catch (InferenceException ex) {
			throw ex;
		}
		catch (JacksonException ex) {
			throw InferenceException.badRequest(describe(ex, header.where));
		}
		if (jsonLength >= 0 && ((BoundedStream) json).remaining > 0) {
			throw InferenceException.badRequest("The body ends before the " + jsonLength + " bytes of JSON that the "
					+ HEADER_LENGTH + " header announces.");
		}
		Pending pending = header.pending;
		Pending maskPending = header.mask;
		for (Pending each : header.order) {
			if (each.values == null) {
				each.values = binary(body, each);
			}
		}
		double[] values = pending.values;
		if (maskPending != null) {
			checkMask(maskPending);
		}
		if (jsonLength >= 0 && body.read() >= 0) {
			throw InferenceException.badRequest(
					"The body goes on after the binary data of the inputs; it must be " + "the JSON of " + HEADER_LENGTH
							+ " bytes followed by exactly the binary_data_size bytes of each " + "binary input.");
		}
		Input input = new Input(pending.name, pending.shape, pending.datatype, values);
		Input mask = (maskPending != null)
				? new Input(maskPending.name, maskPending.shape, maskPending.datatype, maskPending.values) : null;
		return new InferenceRequest(header.id, header.parameters, header.binaryDataOutput, input, header.outputs, mask);
	}

	private InferenceRequest rawBinary(Activation function, InputStream body, long contentLength) throws IOException {
		if (contentLength < 0) {
			throw InferenceException.badRequest("A raw binary request (" + HEADER_LENGTH + ": 0) needs a "
					+ "Content-Length, from which the length of its one input is known.");
		}
		Pending pending = new Pending(0);
		pending.name = Model.INPUT;
		pending.datatype = Datatype.FP64;
		if (contentLength == 0 || contentLength % Datatype.FP64.size() != 0) {
			throw InferenceException.badRequest("A raw binary request holds FP64 values, 8 bytes each, but its "
					+ "body has " + contentLength + " bytes.");
		}
		long count = contentLength / Datatype.FP64.size();
		checkCount(count, "the raw binary body holds " + count + " FP64 values");
		pending.shape = new int[] { (int) count };
		pending.binarySize = contentLength;
		double[] values = binary(body, pending);
		return new InferenceRequest(null, Map.of(), true, new Input(Model.INPUT, pending.shape, Datatype.FP64, values),
				null);
	}

	/**
	 * Checks that a mask given as numbers holds 0 and 1 only (a {@code BOOL} mask holds
	 * nothing else).
	 */
	private static void checkMask(Pending mask) {
		if (mask.datatype == Datatype.BOOL) {
			return;
		}
		double[] values = mask.values;
		for (int i = 0; i < values.length; i++) {
			if (values[i] != 0 && values[i] != 1) {
				throw InferenceException.badRequest(mask.where + " holds " + values[i] + " at "
						+ position(i, mask.shape) + "; a mask holds 0 and 1 (or true and false as BOOL).");
			}
		}
	}

	/**
	 * Reads the binary data of an input, exactly {@code binary_data_size} bytes.
	 */
	private double[] binary(InputStream body, Pending pending) throws IOException {
		int size = pending.datatype.size();
		int count = (int) pending.count();
		ValueBuffer buffer = buffer(pending);
		buffer.expect(count);
		ByteBuffer bytes = ByteBuffer.allocate(CHUNK_BYTES - CHUNK_BYTES % size).order(ByteOrder.LITTLE_ENDIAN);
		int at = 0;
		while (at < count) {
			int wanted = Math.min(bytes.capacity(), (count - at) * size);
			int filled = body.readNBytes(bytes.array(), 0, wanted);
			if (filled < wanted) {
				long got = (long) at * size + filled;
				throw InferenceException.badRequest("The body ends " + got + " bytes into the binary data of "
						+ pending.where + ", whose binary_data_size is " + pending.binarySize + ".");
			}
			for (int offset = 0; offset < filled; offset += size) {
				double value = decode(pending.datatype, bytes, offset);
				if (!Double.isFinite(value)) {
					throw InferenceException.badRequest("The binary data of " + pending.where + " holds " + value
							+ " at " + position(at, pending.shape) + "; every value must be a finite number.");
				}
				if (pending.datatype == Datatype.BOOL && value != 0 && value != 1) {
					throw InferenceException
						.badRequest("The binary data of " + pending.where + " holds the byte " + (int) value + " at "
								+ position(at, pending.shape) + "; a BOOL element is one byte, 0 or 1.");
				}
				buffer.add(value);
				at++;
			}
		}
		return buffer.take();
	}

	/**
	 * The engine's bounded buffer for the values of one input, reserving room in the
	 * budget of values in flight before it is allocated.
	 */
	private ValueBuffer buffer(Pending input) {
		return new ValueBuffer(this.maxValues, this.reserve,
				() -> new InferenceException(HttpStatus.CONTENT_TOO_LARGE,
						"Too many values: " + input.where + " holds more than the " + this.maxValues
								+ " values a request may hold; send them in several requests."));
	}

	private static double decode(Datatype datatype, ByteBuffer bytes, int offset) {
		return switch (datatype) {
			case FP64 -> bytes.getDouble(offset);
			case FP32 -> bytes.getFloat(offset);
			case FP16 -> ReducedFloats.FP16.decode(bytes.getShort(offset) & 0xFFFF);
			case BF16 -> ReducedFloats.BF16.decode(bytes.getShort(offset) & 0xFFFF);
			case INT8 -> bytes.get(offset);
			case UINT8 -> bytes.get(offset) & 0xFF;
			case INT16 -> bytes.getShort(offset);
			case UINT16 -> bytes.getShort(offset) & 0xFFFF;
			case INT32 -> bytes.getInt(offset);
			case UINT32 -> bytes.getInt(offset) & 0xFFFF_FFFFL;
			case INT64 -> bytes.getLong(offset);
			case UINT64 -> unsigned(bytes.getLong(offset));
			case BOOL -> bytes.get(offset);
			case BYTES -> throw new IllegalStateException(datatype + " is refused before its data is read");
		};
	}

	/** The unsigned value of 64 bits, rounded once to the nearest double. */
	private static double unsigned(long bits) {
		if (bits >= 0) {
			return bits;
		}
		// Halve with the lost bit kept as a sticky bit, so that the one rounding is
		// right.
		return ((double) ((bits >>> 1) | (bits & 1))) * 2;
	}

	private void checkCount(long count, String what) {
		if (count > this.maxValues) {
			throw new InferenceException(HttpStatus.CONTENT_TOO_LARGE, "Too many values: " + what + ", more than the "
					+ this.maxValues + " a request may hold; send them in several requests.");
		}
	}

	private static String describe(JacksonException ex, String where) {
		String message = ex.getOriginalMessage();
		message = (message != null) ? SOURCE_REFERENCE.matcher(message.lines().findFirst().orElse("")).replaceAll("")
				: "unreadable input";
		message = CONSTRAINT_REFERENCE.matcher(message).replaceAll("");
		TokenStreamLocation location = ex.getLocation();
		String at = (location != null && location.getLineNr() > 0)
				? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
		String in = (where.isEmpty()) ? "" : " (in " + where + ")";
		return "The inference request is not valid JSON" + at + in + ": " + message;
	}

	/** The position of a row-major flat index in a shape, e.g. {@code [1][2]}. */
	static String position(int index, int[] shape) {
		int[] position = new int[shape.length];
		int rest = index;
		for (int d = shape.length - 1; d >= 0; d--) {
			position[d] = rest % shape[d];
			rest /= shape[d];
		}
		StringBuilder text = new StringBuilder();
		for (int i : position) {
			text.append('[').append(i).append(']');
		}
		return text.toString();
	}

	/** The input being read: what its JSON gave so far. */
	private final class Pending {

		private final String where;

		private String name;

		private int[] shape;

		private Datatype datatype;

		private long binarySize = -1;

		private double[] values;

		/** The nesting of {@code data} as read, for positions. */
		private int[] dataShape;

		/** The first element that is not written as a JSON integer, or -1. */
		private int firstNonInteger = -1;

		/** The first element written as a JSON boolean, or -1. */
		private int firstBoolean = -1;

		/** The first element written as a JSON number, or -1. */
		private int firstNumber = -1;

		/**
		 * The first element out of the range of each integer datatype, by ordinal; -1 if
		 * none. Only kept while the datatype is not known yet.
		 */
		private final int[] firstOutOfRange = new int[Datatype.values().length];

		Pending(int index) {
			this.where = "inputs[" + index + "]";
			Arrays.fill(this.firstOutOfRange, -1);
		}

		long count() {
			long count = 1;
			for (int dimension : this.shape) {
				count = (count > Long.MAX_VALUE / dimension) ? Long.MAX_VALUE : count * dimension;
			}
			return count;
		}

	}

	/** The state of reading the JSON object. */
	private final class Header {

		private final Activation function;

		private final boolean headerLengthGiven;

		private String id;

		private final Map<String, Object> parameters = new LinkedHashMap<>();

		private boolean binaryDataOutput;

		private Pending pending;

		/** The mask, a second input named {@value Model#MASK}, or {@code null}. */
		private Pending mask;

		/** The inputs in the order given, whose binary data follow the JSON in it. */
		private final List<Pending> order = new ArrayList<>();

		private List<Output> outputs;

		/** Where in the document the parser is, for messages of the parser. */
		private String where = "";

		Header(Activation function, boolean headerLengthGiven) {
			this.function = function;
			this.headerLengthGiven = headerLengthGiven;
		}

		void document(JsonParser parser) {
			JsonToken token = parser.nextToken();
			if (token == null) {
				throw InferenceException.badRequest("The request body is empty; send an inference request "
						+ "{\"inputs\": [{\"name\": \"input\", \"shape\": [3], \"datatype\": \"FP64\", "
						+ "\"data\": [1, 2, 3]}]}.");
			}
			if (token != JsonToken.START_OBJECT) {
				throw InferenceException.badRequest("The inference request must be a JSON object, not "
						+ describe(token) + "; send {\"inputs\": [...]}.");
			}
			boolean inputsGiven = false;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				this.where = field;
				JsonToken value = parser.nextToken();
				switch (field) {
					case "id" -> this.id = string(parser, value, "id");
					case "parameters" -> requestParameters(parser, value);
					case "inputs" -> {
						inputs(parser, value);
						inputsGiven = true;
					}
					case "outputs" -> outputs(parser, value);
					default -> throw InferenceException.badRequest("Unknown field '" + Model.echo(field)
							+ "' in the inference request; its fields are id, parameters, inputs and outputs.");
				}
			}
			this.where = "";
			if (!inputsGiven) {
				throw InferenceException.badRequest(
						"The inference request has no 'inputs'; send one input, " + "named '" + Model.INPUT + "'.");
			}
			if (parser.nextToken() != null) {
				throw InferenceException.badRequest(
						"Unexpected content after the end of the JSON inference request" + (this.headerLengthGiven
								? ", within the length the " + HEADER_LENGTH + " header gives." : "."));
			}
		}

		private void requestParameters(JsonParser parser, JsonToken token) {
			expect(token, JsonToken.START_OBJECT, "parameters", "an object of parameters such as {\"axis\": 0}");
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				this.where = "parameters." + name;
				JsonToken value = parser.nextToken();
				Object scalar = scalar(parser, value, this.where);
				if (InferenceRequest.BINARY_DATA_OUTPUT.equals(name)) {
					if (!(scalar instanceof Boolean flag)) {
						throw InferenceException.badRequest("parameters.binary_data_output must be true or false.");
					}
					this.binaryDataOutput = flag;
				}
				else {
					this.parameters.put(name, scalar);
				}
			}
		}

		private void inputs(JsonParser parser, JsonToken token) {
			expect(token, JsonToken.START_ARRAY, "inputs", "an array with one input");
			int index = 0;
			boolean masks = this.function.maskRule().isPresent();
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (masks && index == 1) {
					Pending second = input(parser, token, index);
					this.order.add(second);
					index++;
					continue;
				}
				if (index > 0) {
					throw InferenceException.badRequest(this.function.canonicalName() + " takes one input, '"
							+ Model.INPUT + "', but the request has more than one (inputs[" + index + "])."
							+ (this.function.maskRule().isPresent()
									? " It takes a second, optional input, named '" + Model.MASK + "', and no more."
									: ""));
				}
				this.order.add(input(parser, token, index));
				index++;
			}
			if (index == 0) {
				throw InferenceException.badRequest("'inputs' is empty; send one input, named '" + Model.INPUT + "'.");
			}
			long total = 0;
			for (Pending each : this.order) {
				total += each.count();
			}
			checkCount(total, "the inputs hold " + total + " values together");
			for (Pending each : this.order) {
				if (Model.MASK.equals(each.name)) {
					this.mask = each;
				}
				else {
					this.pending = each;
				}
			}
			if (this.order.size() == 2 && (this.pending == null || this.mask == null)) {
				throw InferenceException.badRequest(this.function.canonicalName() + " takes the inputs '" + Model.INPUT
						+ "' and, optionally, '" + Model.MASK + "', each once, but both inputs are named '"
						+ Model.echo(this.order.get(0).name) + "'.");
			}
			if (this.pending == null) {
				throw InferenceException.badRequest(this.function.canonicalName() + " needs the input '" + Model.INPUT
						+ "'; the request has only '" + Model.MASK + "'.");
			}
		}

		private Pending input(JsonParser parser, JsonToken token, int index) {
			Pending input = new Pending(index);
			expect(token, JsonToken.START_OBJECT, input.where,
					"an object {\"name\", \"shape\", \"datatype\", \"data\"}");
			boolean dataGiven = false;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				String where = input.where + "." + field;
				this.where = where;
				JsonToken value = parser.nextToken();
				switch (field) {
					case "name" -> input.name = string(parser, value, where);
					case "shape" -> input.shape = shape(parser, value, where);
					case "datatype" -> input.datatype = datatype(string(parser, value, where), where,
							this.function.maskRule().isPresent());
					case "parameters" -> inputParameters(parser, value, input);
					case "data" -> {
						data(parser, value, input);
						dataGiven = true;
					}
					default -> throw InferenceException.badRequest("Unknown field '" + Model.echo(field) + "' in "
							+ input.where + "; an input has name, shape, datatype, parameters and data.");
				}
			}
			if (input.name == null || input.shape == null || input.datatype == null) {
				String missing = (input.name == null) ? "name" : (input.shape == null) ? "shape" : "datatype";
				throw InferenceException
					.badRequest(input.where + " has no '" + missing + "'; an input needs name, shape and datatype.");
			}
			boolean masks = this.function.maskRule().isPresent();
			if (!Model.INPUT.equals(input.name) && !(masks && Model.MASK.equals(input.name))) {
				throw InferenceException.badRequest(this.function.canonicalName() + " has one input, named '"
						+ Model.INPUT + "'" + (masks ? ", and an optional mask, named '" + Model.MASK + "'" : "")
						+ ", but " + input.where + " is named '" + Model.echo(input.name) + "'.");
			}
			if (input.datatype == Datatype.BOOL && !Model.MASK.equals(input.name)) {
				throw InferenceException.badRequest(input.where + ".datatype is BOOL, which "
						+ this.function.canonicalName() + " does not compute; use one of " + Datatype.ACCEPTED
						+ " (BOOL is for its mask, named '" + Model.MASK + "').");
			}
			checkCount(input.count(),
					input.where + ".shape " + Arrays.toString(input.shape) + " has " + input.count() + " elements");
			if (dataGiven && input.binarySize >= 0) {
				throw InferenceException.badRequest(input.where
						+ " has both 'data' and the parameter binary_data_size; " + "give its values in one of them.");
			}
			if (dataGiven) {
				finishData(input);
			}
			else if (input.binarySize >= 0) {
				finishBinary(input);
			}
			else {
				throw InferenceException.badRequest(input.where + " has no 'data'; give its values in 'data', or as "
						+ "binary data after the JSON with the parameter binary_data_size and the " + HEADER_LENGTH
						+ " header.");
			}
			return input;
		}

		private void inputParameters(JsonParser parser, JsonToken token, Pending input) {
			expect(token, JsonToken.START_OBJECT, input.where + ".parameters", "an object of parameters");
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				String where = input.where + ".parameters." + name;
				this.where = where;
				JsonToken value = parser.nextToken();
				if (!InferenceRequest.BINARY_DATA_SIZE.equals(name)) {
					throw InferenceException.badRequest("Unknown parameter '" + Model.echo(name) + "' of " + input.where
							+ "; an input takes binary_data_size only (the function's parameters go in the "
							+ "request-level 'parameters').");
				}
				if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
						|| parser.getLongValue() < 0) {
					throw InferenceException.badRequest(where + " must be the size of the binary data in bytes, a "
							+ "whole number of at least 0.");
				}
				input.binarySize = parser.getLongValue();
			}
		}

		private void finishBinary(Pending input) {
			if (!this.headerLengthGiven) {
				throw InferenceException
					.badRequest(input.where + " has binary data (binary_data_size), but the request " + "has no "
							+ HEADER_LENGTH + " header to say where the JSON ends and the binary data begins.");
			}
			long expected = input.count() * input.datatype.size();
			if (input.binarySize != expected) {
				throw InferenceException.badRequest(input.where + ".parameters.binary_data_size is " + input.binarySize
						+ " bytes, but shape " + Arrays.toString(input.shape) + " of " + input.datatype + " needs "
						+ expected + " (" + input.count() + " values of " + input.datatype.size() + " bytes).");
			}
		}

		private int[] shape(JsonParser parser, JsonToken token, String where) {
			expect(token, JsonToken.START_ARRAY, where, "an array of dimensions such as [2, 3]");
			List<Integer> dimensions = new ArrayList<>();
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				String at = where + "[" + dimensions.size() + "]";
				if (token != JsonToken.VALUE_NUMBER_INT) {
					throw InferenceException.badRequest(at + " must be a whole number, not " + describe(token) + ".");
				}
				if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER || parser.getLongValue() < 1
						|| parser.getLongValue() > Integer.MAX_VALUE) {
					throw InferenceException.badRequest(at + " is " + Model.echo(parser.getText())
							+ "; every dimension must be a whole number from 1 to " + Integer.MAX_VALUE + ".");
				}
				if (dimensions.size() == InferenceRequestReader.this.maxRank) {
					throw InferenceException.badRequest(where + " has more than the "
							+ InferenceRequestReader.this.maxRank + " dimensions a tensor may have.");
				}
				dimensions.add(parser.getIntValue());
			}
			if (dimensions.isEmpty()) {
				throw InferenceException.badRequest(
						where + " is empty; a tensor has 1 to " + InferenceRequestReader.this.maxRank + " dimensions.");
			}
			return dimensions.stream().mapToInt(Integer::intValue).toArray();
		}

		private Datatype datatype(String name, String where, boolean boolAllowed) {
			Datatype datatype = Datatype.find(name)
				.orElseThrow(() -> InferenceException.badRequest(where + " '" + Model.echo(name)
						+ "' is not a datatype of the protocol; use one of " + Datatype.ACCEPTED + "."));
			if (!datatype.accepted() && !(boolAllowed && datatype == Datatype.BOOL)) {
				throw InferenceException.badRequest(where + " is " + datatype + ", which "
						+ this.function.canonicalName() + " does not compute; use one of " + Datatype.ACCEPTED + ".");
			}
			return datatype;
		}

		/**
		 * Reads {@code data}: rectangular nested arrays of numbers, into a growing array
		 * whose room is reserved before it is allocated.
		 */
		private void data(JsonParser parser, JsonToken token, Pending input) {
			String where = input.where + ".data";
			expect(token, JsonToken.START_ARRAY, where, "an array of numbers, flat or nested as the shape");
			boolean booleans = this.function.maskRule().isPresent();
			if (input.datatype != null && !input.datatype.inJson() && input.datatype != Datatype.BOOL) {
				throw binaryOnly(input);
			}
			int[] index = new int[InferenceRequestReader.this.maxRank + 1];
			int[] lengths = new int[InferenceRequestReader.this.maxRank];
			Arrays.fill(lengths, -1);
			int depth = 0;
			int rank = -1;
			int count = 0;
			ValueBuffer buffer = buffer(input);
			if (input.shape != null && input.count() <= InferenceRequestReader.this.maxValues) {
				buffer.expect(input.count());
			}
			while (depth >= 0) {
				token = parser.nextToken();
				if (token == JsonToken.END_ARRAY) {
					int length = index[depth];
					if (length == 0) {
						throw InferenceException.badRequest(pointer(where, index, depth)
								+ " is empty; every array in data needs at least one element.");
					}
					if (lengths[depth] == -1) {
						lengths[depth] = length;
					}
					else if (lengths[depth] != length) {
						throw InferenceException.badRequest(pointer(where, index, depth) + " has " + length
								+ " elements where the first array at its depth had " + lengths[depth] + ".");
					}
					depth--;
					if (depth >= 0) {
						index[depth]++;
					}
				}
				else if (token == JsonToken.START_ARRAY) {
					if (depth + 1 >= InferenceRequestReader.this.maxRank) {
						throw InferenceException
							.badRequest(pointer(where, index, depth + 1) + " is nested deeper than the "
									+ InferenceRequestReader.this.maxRank + " dimensions a tensor may have.");
					}
					if (rank != -1 && depth + 1 >= rank) {
						throw InferenceException.badRequest(pointer(where, index, depth + 1)
								+ " is an array where the elements before " + "at its depth were numbers.");
					}
					checkLength(where, index, lengths, depth);
					depth++;
					index[depth] = 0;
				}
				else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
					if (rank == -1) {
						rank = depth + 1;
					}
					else if (rank != depth + 1) {
						throw InferenceException.badRequest(pointer(where, index, depth + 1) + " is a number where "
								+ "the elements before at its depth were arrays.");
					}
					checkLength(where, index, lengths, depth);
					if (input.firstNumber < 0) {
						input.firstNumber = count;
					}
					buffer.add(number(parser, token, input, count, pointer(where, index, depth + 1)));
					count++;
					index[depth]++;
				}
				else if (booleans && (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE)) {
					// a BOOL mask, true and false as the protocol's JSON gives them
					if (rank == -1) {
						rank = depth + 1;
					}
					else if (rank != depth + 1) {
						throw InferenceException.badRequest(pointer(where, index, depth + 1) + " is a boolean where "
								+ "the elements before at its depth were arrays.");
					}
					checkLength(where, index, lengths, depth);
					if (input.firstBoolean < 0) {
						input.firstBoolean = count;
					}
					buffer.add((token == JsonToken.VALUE_TRUE) ? 1.0 : 0.0);
					count++;
					index[depth]++;
				}
				else {
					throw InferenceException.badRequest(pointer(where, index, depth + 1) + " is " + describe(token)
							+ "; every element of data must be a number.");
				}
			}
			input.values = buffer.take();
			input.dataShape = Arrays.copyOf(lengths, rank);
		}

		private static void checkLength(String where, int[] index, int[] lengths, int depth) {
			if (lengths[depth] != -1 && index[depth] >= lengths[depth]) {
				throw InferenceException.badRequest(pointer(where, index, depth + 1) + " is one element more than the "
						+ lengths[depth] + " of the first array at its depth.");
			}
		}

		private double number(JsonParser parser, JsonToken token, Pending input, int count, String at) {
			double value = parser.getDoubleValue();
			if (Double.isInfinite(value)) {
				throw InferenceException.badRequest(at + " is " + Model.echo(parser.getText())
						+ ", beyond the range of a double (about ±1.7976931348623157e308).");
			}
			if (token == JsonToken.VALUE_NUMBER_FLOAT) {
				if (input.firstNonInteger < 0) {
					input.firstNonInteger = count;
				}
				if (input.datatype != null && input.datatype.integer()) {
					throw notInteger(input, at, parser.getText());
				}
				return value;
			}
			if (value == 0 && parser.getText().startsWith("-")) {
				value = -0.0;
			}
			if (input.datatype != null && !input.datatype.integer()) {
				return value;
			}
			BigInteger exact = (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER)
					? parser.getBigIntegerValue() : BigInteger.valueOf(parser.getLongValue());
			if (input.datatype != null) {
				if (input.datatype.integer() && !fits(input.datatype, exact)) {
					throw outOfRange(input.datatype, at, parser.getText());
				}
			}
			else {
				for (Datatype datatype : Datatype.values()) {
					if (datatype.integer() && input.firstOutOfRange[datatype.ordinal()] < 0 && !fits(datatype, exact)) {
						input.firstOutOfRange[datatype.ordinal()] = count;
					}
				}
			}
			return value;
		}

		/** Checks what depends on both the datatype and the data, and converts. */
		private void finishData(Pending input) {
			String where = input.where + ".data";
			Datatype datatype = input.datatype;
			double[] values = input.values;
			if (datatype == Datatype.BOOL) {
				if (input.firstNumber >= 0) {
					throw InferenceException.badRequest(where + position(input.firstNumber, input.dataShape)
							+ " is a number; the elements of BOOL data are true and false.");
				}
			}
			else if (input.firstBoolean >= 0) {
				throw InferenceException.badRequest(
						where + position(input.firstBoolean, input.dataShape) + " is a " + "boolean; every element of "
								+ datatype + " data must be a number (true and false are BOOL).");
			}
			if (!datatype.inJson() && datatype != Datatype.BOOL) {
				throw binaryOnly(input);
			}
			if (datatype.integer()) {
				if (input.firstNonInteger >= 0) {
					throw notInteger(input, where + position(input.firstNonInteger, input.dataShape),
							Double.toString(values[input.firstNonInteger]));
				}
				int bad = input.firstOutOfRange[datatype.ordinal()];
				if (bad >= 0) {
					throw outOfRange(datatype, where + position(bad, input.dataShape), Double.toString(values[bad]));
				}
				for (int i = 0; i < values.length; i++) {
					values[i] += 0.0;
				}
			}
			if (datatype == Datatype.FP32) {
				for (int i = 0; i < values.length; i++) {
					float single = (float) values[i];
					if (Float.isInfinite(single)) {
						throw InferenceException.badRequest(where + position(i, input.dataShape) + " is " + values[i]
								+ ", beyond the range of FP32 (about ±3.4028235e38); send it as FP64.");
					}
					values[i] = single;
				}
			}
			long expected = input.count();
			if (input.dataShape.length == 1) {
				if (values.length != expected) {
					throw InferenceException.badRequest(where + " has " + values.length + " elements, but shape "
							+ Arrays.toString(input.shape) + " has " + expected + ".");
				}
			}
			else if (!Arrays.equals(input.dataShape, input.shape)) {
				throw InferenceException.badRequest(where + " is nested as " + Arrays.toString(input.dataShape)
						+ ", but shape is " + Arrays.toString(input.shape) + "; nest data exactly as the shape, or "
						+ "give it flat, row major.");
			}
		}

		private InferenceException binaryOnly(Pending input) {
			return InferenceException.badRequest(input.where + " is " + input.datatype + ", which has no JSON form; "
					+ "send it as binary data (parameter binary_data_size and the " + HEADER_LENGTH
					+ " header), or as FP32 or FP64 in JSON.");
		}

		private InferenceException notInteger(Pending input, String at, String text) {
			return InferenceException.badRequest(at + " is " + Model.echo(text) + ", but " + input.where + " is "
					+ input.datatype + "; write its elements as whole numbers, or use FP64.");
		}

		private static InferenceException outOfRange(Datatype datatype, String at, String text) {
			return InferenceException
				.badRequest(at + " is " + Model.echo(text) + ", beyond the range of " + datatype + ".");
		}

		private void outputs(JsonParser parser, JsonToken token) {
			expect(token, JsonToken.START_ARRAY, "outputs", "an array of requested outputs");
			this.outputs = new ArrayList<>();
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				String where = "outputs[" + this.outputs.size() + "]";
				this.where = where;
				expect(token, JsonToken.START_OBJECT, where, "an object {\"name\": \"" + Model.OUTPUT + "\"}");
				String name = null;
				Boolean binaryData = null;
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String field = parser.currentName();
					JsonToken value = parser.nextToken();
					if ("name".equals(field)) {
						name = string(parser, value, where + ".name");
					}
					else if ("parameters".equals(field)) {
						binaryData = outputParameters(parser, value, where + ".parameters");
					}
					else {
						throw InferenceException.badRequest("Unknown field '" + Model.echo(field) + "' in " + where
								+ "; a requested output has name and parameters.");
					}
				}
				if (name == null) {
					throw InferenceException.badRequest(where + " has no 'name'.");
				}
				if (!Model.OUTPUT.equals(name)) {
					throw InferenceException.notFound(this.function.canonicalName() + " has one output, named '"
							+ Model.OUTPUT + "', but " + where + " asks for '" + Model.echo(name) + "'.");
				}
				if (!this.outputs.isEmpty()) {
					throw InferenceException.badRequest(where + " asks for '" + Model.OUTPUT + "' again.");
				}
				this.outputs.add(new Output(name, binaryData));
			}
		}

		private Boolean outputParameters(JsonParser parser, JsonToken token, String where) {
			expect(token, JsonToken.START_OBJECT, where, "an object of parameters");
			Boolean binaryData = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (!InferenceRequest.BINARY_DATA.equals(name)) {
					throw InferenceException.badRequest("Unknown parameter '" + Model.echo(name) + "' in " + where
							+ "; a requested output takes binary_data only.");
				}
				if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
					throw InferenceException.badRequest(where + ".binary_data must be true or false.");
				}
				binaryData = value == JsonToken.VALUE_TRUE;
			}
			return binaryData;
		}

		private static Object scalar(JsonParser parser, JsonToken token, String where) {
			return switch (token) {
				case VALUE_STRING -> parser.getString();
				case VALUE_TRUE -> Boolean.TRUE;
				case VALUE_FALSE -> Boolean.FALSE;
				case VALUE_NUMBER_INT -> new JsonNumber(parser.getText(), true);
				case VALUE_NUMBER_FLOAT -> new JsonNumber(parser.getText(), false);
				default -> throw InferenceException
					.badRequest(where + " is " + describe(token) + "; a parameter is a string, a number or a boolean.");
			};
		}

		private static String string(JsonParser parser, JsonToken token, String where) {
			if (token != JsonToken.VALUE_STRING) {
				throw InferenceException.badRequest(where + " must be a string, not " + describe(token) + ".");
			}
			return parser.getString();
		}

		private static void expect(JsonToken token, JsonToken expected, String where, String what) {
			if (token != expected) {
				throw InferenceException.badRequest(where + " must be " + what + ", not " + describe(token) + ".");
			}
		}

		private static String pointer(String where, int[] index, int depth) {
			StringBuilder pointer = new StringBuilder(where);
			for (int d = 0; d < depth; d++) {
				pointer.append('[').append(index[d]).append(']');
			}
			return pointer.toString();
		}

	}

	private static boolean fits(Datatype datatype, BigInteger value) {
		if (datatype == Datatype.UINT64) {
			return value.signum() >= 0 && value.compareTo(TWO_TO_64) < 0;
		}
		int bits = datatype.size() * Byte.SIZE;
		if (datatype.unsigned()) {
			return value.signum() >= 0 && value.bitLength() <= bits;
		}
		return value.bitLength() < bits;
	}

	private static String describe(JsonToken token) {
		if (token == null) {
			return "the end of the input";
		}
		return switch (token) {
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_STRING -> "a string";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case VALUE_NULL -> "null";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			default -> "'" + token.asString() + "'";
		};
	}

	/** The first bytes of a stream, as a stream that ends there and never closes. */
	private static final class BoundedStream extends InputStream {

		private final InputStream in;

		private long remaining;

		BoundedStream(InputStream in, long length) {
			this.in = in;
			this.remaining = length;
		}

		@Override
		public int read() throws IOException {
			if (this.remaining == 0) {
				return -1;
			}
			int b = this.in.read();
			if (b >= 0) {
				this.remaining--;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.remaining == 0) {
				return -1;
			}
			int n = this.in.read(buffer, offset, (int) Math.min(length, this.remaining));
			if (n > 0) {
				this.remaining -= n;
			}
			return n;
		}

		@Override
		public void close() {
			// The rest of the body is read after the JSON.
		}

	}

}
