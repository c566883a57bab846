package ai.activation.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import ai.activation.kernel.Finiteness;

/**
 * Gathers the values of a request's tensors as a codec reads them, bounded and reserving:
 * never more than {@code maxValues} values in all the tensors together, and room for more
 * values is reserved (e.g. in the budget of values in flight) before it is allocated. The
 * one buffer of every codec, so that each holds to the limits the same way.
 *
 * <p>
 * A tensor of unknown length is gathered in blocks: the first grows by doubling from
 * {@value #FIRST_BLOCK} values up to {@value #BLOCK} (128 KiB), then full blocks are kept
 * and a new one started, and {@link #take()} copies them once into the tensor's array:
 * about 2× its {@code double[]} is allocated, where growing one array by 1.5× allocates
 * about 4×. A tensor of known length ({@link #expect(long)}) is read into one array of
 * that length, allocated once.
 *
 * <p>
 * Not thread-safe: one buffer serves one request.
 */
public final class ValueBuffer {

	/** The first capacity for values: small requests stay small. */
	static final int FIRST_BLOCK = 64;

	/** The size of the blocks large tensors are gathered in. */
	static final int BLOCK = 1 << 14;

	private static final double[] EMPTY = new double[0];

	private final int maxValues;

	private final LongConsumer reserve;

	private final Supplier<? extends RuntimeException> tooMany;

	/** The full blocks of the tensor being read. */
	private final List<double[]> blocks = new ArrayList<>();

	/** The block being filled. */
	private double[] block = EMPTY;

	private int fill;

	/** The values of the tensor being read. */
	private int count;

	/** The values of every tensor read so far, this one included. */
	private long total;

	/**
	 * The index in the tensor being read of its first value that is not finite, or -1.
	 */
	private int firstNonFinite = -1;

	/**
	 * Creates a buffer.
	 * @param maxValues the most values all the tensors of the request may hold together
	 * @param reserve called with a number of values before room for them is allocated; it
	 * refuses by throwing, e.g. a {@link ai.activation.limits.ServiceOverloadedException}
	 * @param tooMany the exception to throw at the first value beyond {@code maxValues},
	 * in the codec's words
	 */
	public ValueBuffer(int maxValues, LongConsumer reserve, Supplier<? extends RuntimeException> tooMany) {
		this.maxValues = maxValues;
		this.reserve = reserve;
		this.tooMany = tooMany;
	}

	/**
	 * Says that the tensor being read has a known number of values, so that they are read
	 * into one array of that length; called before its first value.
	 * @param values how many values it has, which the caller has checked against the
	 * limit
	 */
	public void expect(long values) {
		if (this.count == 0 && values > 0 && values <= this.maxValues - this.total) {
			this.reserve.accept(values - this.block.length);
			this.block = new double[(int) values];
			this.fill = 0;
		}
	}

	/**
	 * Adds one value to the tensor being read.
	 * @param value the value
	 * @throws RuntimeException the {@code tooMany} exception past the limit, or the
	 * reservation's refusal
	 */
	public void add(double value) {
		if (this.fill == this.block.length) {
			nextBlock();
		}
		if (this.firstNonFinite < 0 && !Double.isFinite(value)) {
			this.firstNonFinite = this.count;
		}
		this.block[this.fill++] = value;
		this.count++;
		this.total++;
	}

	/**
	 * Adds every remaining value of a buffer to the tensor being read.
	 * @param values the values, consumed
	 * @throws RuntimeException the {@code tooMany} exception past the limit, or the
	 * reservation's refusal
	 */
	public void add(DoubleBuffer values) {
		while (values.hasRemaining()) {
			if (this.fill == this.block.length) {
				nextBlock();
			}
			int n = Math.min(values.remaining(), this.block.length - this.fill);
			values.get(this.block, this.fill, n);
			if (this.firstNonFinite < 0) {
				noteNonFinite(this.fill, n);
			}
			this.fill += n;
			this.count += n;
			this.total += n;
		}
	}

	/**
	 * Adds every remaining value of a buffer of floats to the tensor being read, each
	 * widened exactly.
	 * @param values the values, consumed
	 * @throws RuntimeException the {@code tooMany} exception past the limit, or the
	 * reservation's refusal
	 */
	public void add(FloatBuffer values) {
		while (values.hasRemaining()) {
			if (this.fill == this.block.length) {
				nextBlock();
			}
			int n = Math.min(values.remaining(), this.block.length - this.fill);
			int at = values.position();
			double[] block = this.block;
			int fill = this.fill;
			// Absolute gets in a counted loop: no position update or limit check per
			// value.
			for (int i = 0; i < n; i++) {
				block[fill + i] = values.get(at + i);
			}
			values.position(at + n);
			if (this.firstNonFinite < 0) {
				noteNonFinite(fill, n);
			}
			this.fill += n;
			this.count += n;
			this.total += n;
		}
	}

	/**
	 * Looks for a value that is not finite among the {@code n} values just added at
	 * {@code from} in the current block, while they are still in cache: a check here
	 * costs far less than another pass over the whole tensor once it is read.
	 */
	private void noteNonFinite(int from, int n) {
		int bad = Finiteness.first(this.block, from, from + n);
		if (bad >= 0) {
			this.firstNonFinite = this.count + (bad - from);
		}
	}

	/**
	 * Returns the index of the first value of the tensor being read that is NaN or
	 * infinite, found as the values were added, so that a codec need not look at them
	 * again.
	 * @return its row-major index in the tensor, or {@code -1} if every value is finite
	 */
	public int firstNonFinite() {
		return this.firstNonFinite;
	}

	/**
	 * Returns the number of values of the tensor being read.
	 * @return the count
	 */
	public int count() {
		return this.count;
	}

	/**
	 * Returns the number of values read in all, every tensor included.
	 * @return the total
	 */
	public long total() {
		return this.total;
	}

	/**
	 * Ends the tensor being read and starts the next one.
	 * @return its values, an array of exactly their number
	 */
	public double[] take() {
		double[] values;
		if (this.blocks.isEmpty() && this.fill == this.block.length) {
			values = this.block;
		}
		else {
			values = new double[this.count];
			int at = 0;
			for (double[] full : this.blocks) {
				System.arraycopy(full, 0, values, at, full.length);
				at += full.length;
			}
			System.arraycopy(this.block, 0, values, at, this.fill);
		}
		this.blocks.clear();
		this.block = EMPTY;
		this.fill = 0;
		this.count = 0;
		this.firstNonFinite = -1;
		return values;
	}

	private void nextBlock() {
		if (this.total >= this.maxValues) {
			throw this.tooMany.get();
		}
		long room = this.maxValues - this.total;
		if (this.block.length < BLOCK) {
			int length = (int) Math.min(Math.max(FIRST_BLOCK, 2L * this.block.length),
					Math.min(BLOCK, this.fill + room));
			this.reserve.accept(length - this.block.length);
			this.block = Arrays.copyOf(this.block, length);
		}
		else {
			this.blocks.add(this.block);
			int length = (int) Math.min(BLOCK, room);
			this.reserve.accept(length);
			this.block = new double[length];
			this.fill = 0;
		}
	}

}
