package ai.activation.activate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.io.NumberOutput;
import tools.jackson.core.json.JsonFactory;

import ai.activation.engine.ActivationResult;
import ai.activation.kernel.Tensor;

/**
 * Writes {@code {"function": ..., "shape": [...], "values": Y}} straight from the
 * primitive result, streaming, with Y nested as the shape says. Every double is written
 * so that it reads back to the same bits: by Jackson's fast writer (the Schubfach
 * algorithm, shortest round-tripping digits), several times faster than
 * {@link Double#toString(double)} on JDK 17 (see docs/performance.md).
 * <p>
 * At a million values printing the digits is most of a request's time (issue 12), so a
 * result of at least {@link #SHARED_VALUES} values is printed by two threads: the
 * request's own thread prints the first half straight into the body while the
 * {@link SecondCore} prints the second half into a buffer, which follows it; when that
 * helper is busy, the request prints both halves itself. Both halves print each value
 * with the call the generator makes ({@link NumberOutput#toString(double, boolean)} with
 * the fast writer), so the bytes are those of the one-thread path, which the tests check.
 */
final class JsonResultWriter {

	static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

	/**
	 * The smallest result whose digits two threads print; below it, handing over costs
	 * more.
	 */
	static final int SHARED_VALUES = 1 << 16;

	/**
	 * Bytes a value takes with its comma, as sized for: 17 digits, the point, the comma
	 * and a short exponent, e.g. {@code 1.2345678901234567E-6,}; the buffer grows past
	 * it.
	 */
	private static final int VALUE_BYTES = 22;

	/** How much of the first half is printed before it is handed to the body. */
	private static final int CHUNK_BYTES = 1 << 16;

	private JsonResultWriter() {
	}

	/**
	 * Writes one response body.
	 * @param result the result, whose values are all finite
	 * @param body the stream, left open
	 */
	static void write(ActivationResult result, OutputStream body) {
		write(result, body, SecondCore.EXECUTOR);
	}

	/**
	 * Writes one response body, printing a large result's second half on {@code helper}.
	 * @param result the result, whose values are all finite
	 * @param body the stream, left open
	 * @param helper runs the second half, or refuses with
	 * {@link RejectedExecutionException} and the request thread prints it
	 */
	static void write(ActivationResult result, OutputStream body, Executor helper) {
		Tensor output = result.output();
		int[] shape = output.shape();
		double[] values = output.values();
		try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), body)) {
			generator.writeStartObject();
			generator.writeStringProperty("function", result.function().canonicalName());
			generator.writeName("shape");
			generator.writeArray(shape, 0, shape.length);
			generator.writeName("values");
			if (values.length < SHARED_VALUES) {
				writeNested(generator, values, shape);
			}
			else {
				// The generator's state moves past the value; the bytes are this class's.
				generator.writeRawValue("");
				generator.flush();
				writeShared(values, shape, body, helper);
			}
			generator.writeEndObject();
		}
	}

	private static void writeNested(JsonGenerator generator, double[] values, int[] shape) {
		int rank = shape.length;
		int row = shape[rank - 1];
		int rows = values.length / row;
		int[] counter = new int[rank - 1];
		for (int r = 0; r < rows; r++) {
			int opened = rank - 1;
			if (r > 0) {
				opened = 0;
				for (int d = rank - 2; d >= 0; d--) {
					if (++counter[d] < shape[d]) {
						break;
					}
					counter[d] = 0;
					generator.writeEndArray();
					opened++;
				}
			}
			for (int d = 0; d < opened; d++) {
				generator.writeStartArray();
			}
			generator.writeArray(values, r * row, row);
		}
		for (int d = 0; d < rank - 1; d++) {
			generator.writeEndArray();
		}
	}

	private static void writeShared(double[] values, int[] shape, OutputStream body, Executor helper) {
		int middle = values.length / 2;
		Bytes secondHalf = new Bytes((values.length - middle) * VALUE_BYTES + shape.length);
		SecondCore.Handoff<Bytes> second = SecondCore.start(helper, () -> {
			format(values, shape, middle, values.length, secondHalf, null);
			return secondHalf;
		});
		try {
			format(values, shape, 0, middle, new Bytes(CHUNK_BYTES + VALUE_BYTES + shape.length), body);
			second.join("print the second half");
			body.write(secondHalf.bytes, 0, secondHalf.length);
		}
		catch (IOException ex) {
			// As the generator reports a failed write, e.g. a client gone.
			throw JacksonIOException.construct(ex);
		}
	}

	/**
	 * Prints the values {@code [from, to)} of the nested array with the brackets and
	 * commas before each, and the closing brackets after the last value when the range
	 * holds it: the concatenation over consecutive ranges is the whole array.
	 * @param out where the bytes go
	 * @param body where {@code out} is emptied whenever it holds {@link #CHUNK_BYTES},
	 * and at the end; {@code null} to keep everything in {@code out}
	 */
	static void format(double[] values, int[] shape, int from, int to, Bytes out, OutputStream body) {
		int rank = shape.length;
		// spans[d]: how many values an array at depth d + 1 holds; a value whose index is
		// a
		// multiple of it opens such an array.
		int[] spans = new int[rank - 1];
		int span = 1;
		for (int d = rank - 1; d >= 1; d--) {
			span *= shape[d];
			spans[d - 1] = span;
		}
		int row = shape[rank - 1];
		int untilRow = row - from % row;
		for (int i = from; i < to; i++) {
			if (i == 0) {
				out.repeat('[', rank);
			}
			else if (untilRow != row) {
				out.put(',');
			}
			else {
				int opened = 0;
				for (int d = rank - 2; d >= 0 && i % spans[d] == 0; d--) {
					opened++;
				}
				out.repeat(']', opened);
				out.put(',');
				out.repeat('[', opened);
			}
			if (--untilRow == 0) {
				untilRow = row;
			}
			out.put(NumberOutput.toString(values[i], true));
			if (body != null && out.length >= CHUNK_BYTES) {
				out.drainTo(body);
			}
		}
		if (from < to && to == values.length) {
			out.repeat(']', rank);
		}
		if (body != null) {
			out.drainTo(body);
		}
	}

	/** A byte buffer for ASCII, which the digits, brackets and commas are. */
	static final class Bytes {

		byte[] bytes;

		int length;

		Bytes(int capacity) {
			this.bytes = new byte[capacity];
		}

		void put(char c) {
			room(1);
			this.bytes[this.length++] = (byte) c;
		}

		void repeat(char c, int times) {
			room(times);
			for (int k = 0; k < times; k++) {
				this.bytes[this.length++] = (byte) c;
			}
		}

		void put(String ascii) {
			int n = ascii.length();
			room(n);
			byte[] into = this.bytes;
			int at = this.length;
			for (int k = 0; k < n; k++) {
				into[at + k] = (byte) ascii.charAt(k);
			}
			this.length = at + n;
		}

		void drainTo(OutputStream body) {
			try {
				body.write(this.bytes, 0, this.length);
			}
			catch (IOException ex) {
				throw JacksonIOException.construct(ex);
			}
			this.length = 0;
		}

		private void room(int more) {
			if (this.length + more > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
			}
		}

	}

}
