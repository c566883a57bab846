package ai.activation.activate;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

import tools.jackson.core.io.NumberInput;

import ai.activation.kernel.Tensor;

/**
 * Parses the common large body, {@code {"values": [n, n, ...]}} with one flat array of
 * numbers, on two threads: the array is cut at a comma near its middle and the
 * {@link SecondCore} parses the second half while the request thread parses the first
 * (issue 12: at a million values, parsing numbers is a third of a request's time).
 *
 * <p>
 * It accepts a strict subset of what {@link JsonTensorReader} accepts, with the same
 * result, and answers {@code null} for everything else, which the caller then parses with
 * Jackson as before: so every fault is still reported by the one reader, with its words
 * and pointer, and this class never has to. The subset: the bytes are JSON whitespace
 * (RFC 8259 §2: space, tab, line feed, carriage return), the object's one name
 * {@code "values"} without escapes, and numbers as RFC 8259 §6 writes them
 * ({@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}), no longer than the
 * reader's {@code max-number-length}, at most {@code max-values} of them, each finite as
 * a double. Each number is converted by Jackson's own fast parser
 * ({@link NumberInput#parseDouble(char[], int, int, boolean)}, correctly rounded), as the
 * reader's parser converts it, and {@code -0} is {@code -0.0} as there.
 *
 * <p>
 * Two passes, each split the same way: the first checks that only the bytes of numbers,
 * commas and whitespace lie between the brackets and counts the commas, so that the
 * values are {@linkplain LongConsumer reserved} on the request thread (whose lease the
 * reservation needs) before their array is allocated; the second parses into that one
 * array.
 */
final class LargeJsonValues {

	/** The smallest body parsed on two threads; below it, handing over costs more. */
	static final int SHARED_BYTES = 1 << 20;

	/** Byte classes of the first pass. */
	private static final byte OTHER = 0;

	private static final byte NUMBER = 1;

	private static final byte SPACE = 2;

	private static final byte COMMA = 3;

	private static final byte[] CLASSES = new byte[256];

	static {
		for (char c : "0123456789+-.eE".toCharArray()) {
			CLASSES[c] = NUMBER;
		}
		for (char c : " \t\n\r".toCharArray()) {
			CLASSES[c] = SPACE;
		}
		CLASSES[','] = COMMA;
	}

	private static final byte[] NAME = "\"values\"".getBytes(StandardCharsets.US_ASCII);

	private final int maxValues;

	private final int maxNumberLength;

	private final LongConsumer reserve;

	private final Executor helper;

	/**
	 * Creates a parser.
	 * @param maxValues the most values a body may hold
	 * @param maxNumberLength the longest number, in characters
	 * @param reserve called on the request thread with the number of values before their
	 * array is allocated; refuses by throwing
	 * @param helper runs the second half of each pass, or refuses with
	 * {@link RejectedExecutionException}, and the request thread runs it
	 */
	LargeJsonValues(int maxValues, int maxNumberLength, LongConsumer reserve, Executor helper) {
		this.maxValues = maxValues;
		this.maxNumberLength = maxNumberLength;
		this.reserve = reserve;
		this.helper = helper;
	}

	/**
	 * Parses a whole body.
	 * @param body the bytes
	 * @param length how many of them are the body
	 * @return the values as a tensor of rank 1, or {@code null} if the body is not of the
	 * subset
	 */
	Tensor parse(byte[] body, int length) {
		int p = space(body, 0, length);
		if (p == length || body[p] != '{') {
			return null;
		}
		p = space(body, p + 1, length);
		if (!startsWith(body, p, length, NAME)) {
			return null;
		}
		p = space(body, p + NAME.length, length);
		if (p == length || body[p] != ':') {
			return null;
		}
		p = space(body, p + 1, length);
		if (p == length || body[p] != '[') {
			return null;
		}
		int from = p + 1;
		int q = spaceBack(body, from, length);
		if (q == from || body[q - 1] != '}') {
			return null;
		}
		q = spaceBack(body, from, q - 1);
		if (q == from || body[q - 1] != ']') {
			return null;
		}
		int to = q - 1;
		int cut = comma(body, from + (to - from) / 2, to);
		if (cut == to) {
			return null;
		}
		int first = from;
		int second = cut + 1;
		int[] counts = both(() -> count(body, first, cut), () -> count(body, second, to));
		if (counts[0] < 0 || counts[1] < 0 || (long) counts[0] + counts[1] > this.maxValues) {
			return null;
		}
		int n = counts[0] + counts[1];
		this.reserve.accept(n);
		double[] values = new double[n];
		int[] parsed = both(() -> numbers(body, first, cut, values, 0),
				() -> numbers(body, second, to, values, counts[0]));
		if (parsed[0] != counts[0] || parsed[1] != counts[1]) {
			return null;
		}
		return new Tensor(values, new int[] { n });
	}

	/** Runs the second on the helper, or here when it is busy, and the first here. */
	private int[] both(IntSupplier first, IntSupplier second) {
		SecondCore.Handoff<Integer> later = SecondCore.start(this.helper, second::getAsInt);
		int a = first.getAsInt();
		return new int[] { a, later.join("parse the second half") };
	}

	/**
	 * The first pass over {@code [from, to)}: the number of values if only number bytes,
	 * commas and whitespace lie there (commas + 1), or -1.
	 */
	private static int count(byte[] body, int from, int to) {
		int commas = 0;
		boolean other = false;
		for (int i = from; i < to; i++) {
			byte kind = CLASSES[body[i] & 0xFF];
			commas += (kind == COMMA) ? 1 : 0;
			other |= (kind == OTHER);
		}
		return other ? -1 : commas + 1;
	}

	/**
	 * The second pass over {@code [from, to)}: parses the numbers between the commas into
	 * {@code values} from {@code at}; returns how many, or -1 at the first thing not of
	 * the subset.
	 */
	private int numbers(byte[] body, int from, int to, double[] values, int at) {
		char[] chars = new char[64];
		int n = 0;
		int p = from;
		while (true) {
			p = space(body, p, to);
			int start = p;
			p = number(body, p, to);
			if (p < 0) {
				return -1;
			}
			int length = p - start;
			if (length > this.maxNumberLength) {
				return -1;
			}
			if (chars.length < length) {
				chars = new char[Math.max(length, 2 * chars.length)];
			}
			for (int k = 0; k < length; k++) {
				chars[k] = (char) body[start + k];
			}
			double value = NumberInput.parseDouble(chars, 0, length, true);
			if (Double.isInfinite(value) || at + n >= values.length) {
				return -1;
			}
			values[at + n++] = value;
			p = space(body, p, to);
			if (p == to) {
				return n;
			}
			if (body[p] != ',') {
				return -1;
			}
			p++;
		}
	}

	/**
	 * Matches one number of RFC 8259 §6 at {@code p}: returns the index just past it, or
	 * -1 if none starts there.
	 */
	static int number(byte[] b, int p, int to) {
		if (p < to && b[p] == '-') {
			p++;
		}
		if (p == to) {
			return -1;
		}
		if (b[p] == '0') {
			p++;
		}
		else if (b[p] >= '1' && b[p] <= '9') {
			p = digits(b, p + 1, to);
		}
		else {
			return -1;
		}
		if (p < to && b[p] == '.') {
			int q = digits(b, p + 1, to);
			if (q == p + 1) {
				return -1;
			}
			p = q;
		}
		if (p < to && (b[p] == 'e' || b[p] == 'E')) {
			p++;
			if (p < to && (b[p] == '+' || b[p] == '-')) {
				p++;
			}
			int q = digits(b, p, to);
			if (q == p) {
				return -1;
			}
			p = q;
		}
		// A number ends at whitespace, a comma or the end; "1-2" or "01" do not.
		return (p == to || CLASSES[b[p] & 0xFF] == SPACE || b[p] == ',') ? p : -1;
	}

	private static int comma(byte[] b, int p, int to) {
		while (p < to && b[p] != ',') {
			p++;
		}
		return p;
	}

	private static int digits(byte[] b, int p, int to) {
		while (p < to && b[p] >= '0' && b[p] <= '9') {
			p++;
		}
		return p;
	}

	private static int space(byte[] b, int p, int to) {
		while (p < to && CLASSES[b[p] & 0xFF] == SPACE) {
			p++;
		}
		return p;
	}

	private static int spaceBack(byte[] b, int from, int q) {
		while (q > from && CLASSES[b[q - 1] & 0xFF] == SPACE) {
			q--;
		}
		return q;
	}

	private static boolean startsWith(byte[] b, int p, int length, byte[] prefix) {
		if (length - p < prefix.length) {
			return false;
		}
		for (int k = 0; k < prefix.length; k++) {
			if (b[p + k] != prefix[k]) {
				return false;
			}
		}
		return true;
	}

}
