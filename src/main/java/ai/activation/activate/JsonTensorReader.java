package ai.activation.activate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;

import ai.activation.engine.InvalidBodyException;
import ai.activation.engine.TooManyValuesException;
import ai.activation.engine.ValueBuffer;
import ai.activation.engine.ValuesPointer;
import ai.activation.kernel.Tensor;
import ai.activation.limits.LimitsProperties;

/**
 * Reads {@code {"values": X}}, or for a gradient call {@code {"values": X, "grad": G}},
 * either with an optional {@code "mask": M} (booleans, or 0 and 1, nested as X), straight
 * into primitive {@code double[]}s and shapes, streaming: no boxed numbers, no JSON tree.
 * Every fault is an {@link InvalidBodyException} with a JSON Pointer.
 *
 * <p>
 * X is a non-empty array of numbers, or a rectangular nested array of rank up to
 * {@code max-rank}, 8 by default. Rejected, each with the pointer of the first offending
 * place: anything but one object with the single field {@code values}, duplicate or
 * unknown fields, empty arrays, elements that are not numbers (strings such as
 * {@code "NaN"}, {@code null}, booleans, objects), ragged or mixed-depth arrays,
 * {@code NaN} and {@code Infinity} tokens, literals beyond the double range such as
 * {@code 1e400}, trailing content and invalid UTF-8.
 *
 * <p>
 * Held to the {@link LimitsProperties}: more than {@code max-values} values is a
 * {@link TooManyValuesException} as soon as the first one too many is read (X and G
 * together), and the parser's {@link StreamReadConstraints} bound nesting depth, number
 * length and document length. Values are gathered in a {@link ValueBuffer}, which
 * reserves room before it allocates it, through a callback that may refuse by throwing.
 */
final class JsonTensorReader {

	private static final Pattern SOURCE_REFERENCE = Pattern
		.compile("\\s*\\(?(start marker )?at \\[Source:[^\\]]*\\]\\)?|\\s*\\[Source:[^\\]]*\\]");

	/** The parser's own name for a read constraint, which says nothing to a caller. */
	private static final Pattern CONSTRAINT_REFERENCE = Pattern.compile(",? from `[^`]*`");

	/** The heap bytes a reserved value stands for in the budget of values in flight. */
	private static final int BODY_BYTES_PER_VALUE = 32;

	private final JsonFactory factory;

	private final int maxRank;

	private final int maxValues;

	private final LongConsumer reserve;

	private final long maxDocumentLength;

	private final LargeJsonValues large;

	/**
	 * Creates a reader.
	 * @param limits the limits it holds bodies to
	 * @param reserve called with a number of values before room for them is allocated;
	 * refuses by throwing, e.g. a {@link ai.activation.limits.ServiceOverloadedException}
	 */
	JsonTensorReader(LimitsProperties limits, LongConsumer reserve) {
		this(limits, reserve, SecondCore.EXECUTOR);
	}

	/**
	 * Creates a reader whose large bodies are parsed in part on {@code helper}.
	 * @param limits the limits it holds bodies to
	 * @param reserve called with a number of values before room for them is allocated
	 * @param helper runs half of a large body's parsing, or refuses while busy
	 */
	JsonTensorReader(LimitsProperties limits, LongConsumer reserve, Executor helper) {
		this.factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(limits.getMaxNestingDepth())
				.maxNumberLength(limits.getMaxNumberLength())
				.maxDocumentLength(limits.getMaxDocumentLength().toBytes())
				.build())
			// on by default in Jackson 3 (checked against jackson-core 3.1.4); stated so
			// that a change of default cannot silently slow the 1M-value path
			.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
			.build();
		this.maxRank = limits.getMaxRank();
		this.maxValues = limits.getMaxValues();
		this.reserve = reserve;
		this.maxDocumentLength = limits.getMaxDocumentLength().toBytes();
		this.large = new LargeJsonValues(this.maxValues, limits.getMaxNumberLength(), reserve, helper);
	}

	/**
	 * Reads one request body.
	 * @param body the body, UTF-8 JSON, {@code {"values": X}}
	 * @return the tensor
	 * @throws InvalidBodyException if the body is not a valid request
	 * @throws TooManyValuesException if it holds more than {@code max-values} values
	 */
	Tensor read(InputStream body) {
		return read(body, -1, false, false).values();
	}

	/**
	 * Reads one request body of a value call that may hold a mask.
	 * @param body the body, UTF-8 JSON, {@code {"values": X}} or {@code {"values": X,
	 * "mask": M}}
	 * @return the tensors; the mask {@code null} when not given
	 * @throws InvalidBodyException if the body is not a valid request
	 * @throws TooManyValuesException if X and M together hold more than
	 * {@code max-values} values
	 */
	Inputs readValue(InputStream body) {
		return read(body, -1, false, true);
	}

	/**
	 * Reads one request body of a value call, as {@link #readValue(InputStream)}; a body
	 * of {@link LargeJsonValues#SHARED_BYTES} or more is read whole first and, if it is
	 * one flat array, parsed on two threads by {@link LargeJsonValues}.
	 * @param body the body
	 * @param contentLength its length from {@code Content-Length}, or -1 if unknown
	 * @return the tensors; the mask {@code null} when not given
	 */
	Inputs readValue(InputStream body, long contentLength) {
		return read(body, contentLength, false, true);
	}

	/**
	 * Reads one request body of a gradient call.
	 * @param body the body, UTF-8 JSON, {@code {"values": X}} or {@code {"values": X,
	 * "grad": G}}, either with {@code "mask": M}
	 * @return the tensors; the gradient and the mask {@code null} when not given
	 * @throws InvalidBodyException if the body is not a valid request
	 * @throws TooManyValuesException if X, G and M together hold more than
	 * {@code max-values} values
	 */
	Inputs readWithGrad(InputStream body) {
		return read(body, -1, true, true);
	}

	/**
	 * Reads one request body of a gradient call, as {@link #readWithGrad(InputStream)}, a
	 * large one as {@link #readValue(InputStream, long)} says.
	 * @param body the body
	 * @param contentLength its length from {@code Content-Length}, or -1 if unknown
	 * @return the tensors; the gradient and the mask {@code null} when not given
	 */
	Inputs readWithGrad(InputStream body, long contentLength) {
		return read(body, contentLength, true, true);
	}

	private Inputs read(InputStream body, long contentLength, boolean gradAllowed, boolean maskAllowed) {
		if (contentLength >= LargeJsonValues.SHARED_BYTES && contentLength <= this.maxDocumentLength) {
			int length = (int) contentLength;
			// The whole body is held while it is parsed, at the rate the budget of values
			// in flight counts a value's heap (32 bytes, LimitsProperties).
			this.reserve.accept((length + BODY_BYTES_PER_VALUE - 1) / BODY_BYTES_PER_VALUE);
			byte[] bytes;
			try {
				bytes = body.readNBytes(length);
			}
			catch (IOException ex) {
				// as the streaming parser reports a body it cannot read
				throw new InvalidBodyException(describe(JacksonIOException.construct(ex)), "");
			}
			Tensor values = this.large.parse(bytes, bytes.length);
			if (values != null) {
				return new Inputs(values, null, null);
			}
			body = new SequenceInputStream(new ByteArrayInputStream(bytes), body);
		}
		Reader reader = new Reader(this.maxRank, this.maxValues, this.reserve, gradAllowed, maskAllowed);
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), body)) {
			return reader.document(parser);
		}
		catch (InvalidBodyException ex) {
			throw ex;
		}
		catch (JacksonException ex) {
			throw new InvalidBodyException(describe(ex), reader.pointer());
		}
	}

	private static String describe(JacksonException ex) {
		String message = ex.getOriginalMessage();
		message = (message != null) ? SOURCE_REFERENCE.matcher(message.lines().findFirst().orElse("")).replaceAll("")
				: "unreadable input";
		message = CONSTRAINT_REFERENCE.matcher(message).replaceAll("");
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null && location.getLineNr() > 0)
				? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
		return "The body is not valid JSON" + where + ": " + message;
	}

	/** The state of one read: where in the nested arrays the parser is. */
	private static final class Reader {

		private final int maxRank;

		private final boolean gradAllowed;

		private final boolean maskAllowed;

		private final ValueBuffer buffer;

		private final int[] index;

		private final int[] shape;

		/** The member being read, {@code values} or {@code grad}. */
		private String member = ValuesPointer.VALUES;

		private int depth = -1;

		private int rank = -1;

		Reader(int maxRank, int maxValues, LongConsumer reserve, boolean gradAllowed, boolean maskAllowed) {
			this.maxRank = maxRank;
			this.gradAllowed = gradAllowed;
			this.maskAllowed = maskAllowed;
			this.buffer = new ValueBuffer(maxValues, reserve,
					() -> new TooManyValuesException(maxValues,
							((gradAllowed || maskAllowed) ? "The tensors of the body hold" : "'values' holds")
									+ " more than the " + maxValues
									+ " values the service takes in one request; send them in several requests."));
			this.index = new int[maxRank + 1];
			this.shape = new int[maxRank];
		}

		Inputs document(JsonParser parser) {
			JsonToken token = parser.nextToken();
			if (token == null) {
				throw new InvalidBodyException("The request body is empty; send a JSON object {\"values\": [...]}.",
						"");
			}
			if (token != JsonToken.START_OBJECT) {
				throw new InvalidBodyException(
						"The request body must be a JSON object {\"values\": [...]}, not " + describe(token) + ".", "");
			}
			Tensor tensor = null;
			Tensor grad = null;
			Tensor mask = null;
			while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				boolean isValues = ValuesPointer.VALUES.equals(name);
				boolean isGrad = this.gradAllowed && ValuesPointer.GRAD.equals(name);
				boolean isMask = this.maskAllowed && ValuesPointer.MASK.equals(name);
				if (!isValues && !isGrad && !isMask) {
					throw new InvalidBodyException("Unknown field '" + name + "'; the body has " + fields(),
							"/" + name.replace("~", "~0").replace("/", "~1"));
				}
				if ((isValues ? tensor : isGrad ? grad : mask) != null) {
					throw new InvalidBodyException("The field '" + name + "' is given twice.", "/" + name);
				}
				JsonToken first = parser.nextToken();
				if (isMask && first == JsonToken.VALUE_NULL) {
					// an optional member given as null, as generated clients may send it:
					// no mask
					continue;
				}
				this.member = name;
				if (isValues) {
					tensor = tensor(parser);
				}
				else if (isGrad) {
					grad = tensor(parser);
				}
				else {
					mask = tensor(parser);
				}
				this.member = ValuesPointer.VALUES;
			}
			if (tensor == null) {
				throw new InvalidBodyException("The field 'values' is missing; send {\"values\": [...]}.", "/values");
			}
			if (parser.nextToken() != null) {
				throw new InvalidBodyException("Unexpected content after the end of the JSON document.", "");
			}
			return new Inputs(tensor, grad, mask);
		}

		private String fields() {
			if (this.gradAllowed) {
				return this.maskAllowed ? "the field 'values' and, optionally, 'grad' and 'mask'."
						: "the field 'values' and, optionally, 'grad'.";
			}
			return this.maskAllowed ? "the field 'values' and, optionally, 'mask'." : "the single field 'values'.";
		}

		private Tensor tensor(JsonParser parser) {
			boolean mask = ValuesPointer.MASK.equals(this.member);
			if (parser.currentToken() != JsonToken.START_ARRAY) {
				throw new InvalidBodyException("'" + this.member + "' must be an array of "
						+ (mask ? "booleans" : "numbers") + " or a nested array of " + (mask ? "booleans" : "numbers")
						+ ", not " + describe(parser.currentToken()) + ".", "/" + this.member);
			}
			this.depth = -1;
			this.rank = -1;
			Arrays.fill(this.shape, -1);
			this.depth = 0;
			this.index[0] = 0;
			while (this.depth >= 0) {
				JsonToken token = parser.nextToken();
				if (token == JsonToken.END_ARRAY) {
					endArray();
				}
				else if (token == JsonToken.START_ARRAY) {
					startArray();
				}
				else if (mask) {
					maskElement(parser, token);
				}
				else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
					number(parser, token);
				}
				else {
					throw new InvalidBodyException("Each element must be a number, not " + describe(token) + ".",
							pointer());
				}
			}
			int[] dims = Arrays.copyOf(this.shape, this.rank);
			return new Tensor(this.buffer.take(), dims);
		}

		private void startArray() {
			int arrayDepth = this.depth + 2;
			if (arrayDepth > this.maxRank) {
				throw new InvalidBodyException(
						"'" + this.member + "' is nested deeper than the maximum rank " + this.maxRank + ".",
						pointer());
			}
			if (this.rank != -1 && arrayDepth > this.rank) {
				throw new InvalidBodyException(
						"Mixed nesting: expected a number here, as at the same depth before, " + "but found an array.",
						pointer());
			}
			checkLength();
			this.depth++;
			this.index[this.depth] = 0;
		}

		private void endArray() {
			int length = this.index[this.depth];
			if (length == 0) {
				throw new InvalidBodyException(
						"Empty array; every array in '" + this.member + "' needs at least one element.",
						pointer(this.depth));
			}
			if (this.shape[this.depth] == -1) {
				this.shape[this.depth] = length;
			}
			else if (this.shape[this.depth] != length) {
				throw new InvalidBodyException("Ragged array: it has " + elements(length) + " where the first array "
						+ "at this depth had " + this.shape[this.depth] + ".", pointer(this.depth));
			}
			this.depth--;
			if (this.depth >= 0) {
				this.index[this.depth]++;
			}
		}

		private void number(JsonParser parser, JsonToken token) {
			if (this.rank == -1) {
				this.rank = this.depth + 1;
			}
			else if (this.rank != this.depth + 1) {
				throw new InvalidBodyException(
						"Mixed nesting: expected an array here, as at the same depth before, " + "but found a number.",
						pointer());
			}
			checkLength();
			double value = parser.getDoubleValue();
			if (Double.isInfinite(value)) {
				throw new InvalidBodyException("The number " + abbreviate(parser.getText())
						+ " is beyond the range of a double (about " + "±1.7976931348623157e308).", pointer());
			}
			if (value == 0 && token == JsonToken.VALUE_NUMBER_INT && parser.getText().startsWith("-")) {
				value = -0.0;
			}
			this.buffer.add(value);
			this.index[this.depth]++;
		}

		/**
		 * Reads one element of a mask: {@code true} or {@code 1} (the element takes
		 * part), {@code false} or {@code 0} (it is masked); numbers equal to 0 or 1, such
		 * as {@code 1.0}, count as those.
		 */
		private void maskElement(JsonParser parser, JsonToken token) {
			double value;
			if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
				value = (token == JsonToken.VALUE_TRUE) ? 1.0 : 0.0;
			}
			else if ((token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
					&& (parser.getDoubleValue() == 0 || parser.getDoubleValue() == 1)) {
				value = (parser.getDoubleValue() == 0) ? 0.0 : 1.0;
			}
			else {
				String what = (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
						? "the number " + abbreviate(parser.getText()) : describe(token);
				throw new InvalidBodyException(
						"Each element of 'mask' must be true or false (or 1 or 0), not " + what + ".", pointer());
			}
			if (this.rank == -1) {
				this.rank = this.depth + 1;
			}
			else if (this.rank != this.depth + 1) {
				throw new InvalidBodyException(
						"Mixed nesting: expected an array here, as at the same depth before, but found an element.",
						pointer());
			}
			checkLength();
			this.buffer.add(value);
			this.index[this.depth]++;
		}

		private void checkLength() {
			int expected = this.shape[this.depth];
			if (expected != -1 && this.index[this.depth] >= expected) {
				throw new InvalidBodyException("Ragged array: it has more than the " + expected
						+ " elements of the first array at this depth.", pointer());
			}
		}

		/** Returns the pointer of the element being read. */
		String pointer() {
			return (this.depth < 0) ? "" : pointer(this.depth + 1);
		}

		/** Returns the pointer of the array open at {@code arrayDepth}. */
		private String pointer(int arrayDepth) {
			return ValuesPointer.of(this.member, this.index, arrayDepth);
		}

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

	private static String elements(int count) {
		return count + ((count == 1) ? " element" : " elements");
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 37) + "...";
	}

}
