package ai.activation.engine;

/**
 * The values of a request held as a codec received them (e.g. little-endian float32 in
 * the body's bytes), which an elementwise call reads and overwrites with its results a
 * block at a time ({@link PreparedCall#applyInPlace}): the values are never copied into a
 * {@code double[]} of their own, and the answer is the same bytes. Each value is widened
 * to a double before the kernel and rounded once to the encoding after it, so the results
 * are those of {@link PreparedCall#apply}, bit for bit.
 */
public interface EncodedValues {

	/**
	 * Returns the number of values.
	 * @return the count
	 */
	int count();

	/**
	 * Reads {@code n} values from index {@code from}, widened exactly to doubles.
	 * @param from the index of the first value
	 * @param block receives the values at {@code [0, n)}
	 * @param n how many
	 */
	void read(int from, double[] block, int n);

	/**
	 * Overwrites {@code n} values from index {@code from} with the results of the block,
	 * each rounded to the encoding, if every one of them is finite once rounded; writes
	 * nothing otherwise, so that the values there can still be read.
	 * @param from the index of the first value
	 * @param block the results at {@code [0, n)}
	 * @param n how many
	 * @return {@code true} if they were written, {@code false} if one is NaN or infinite,
	 * or beyond what the encoding holds ({@link #firstUnheld})
	 */
	boolean writeIfFinite(int from, double[] block, int n);

	/**
	 * Returns the first of {@code n} finite results that the encoding cannot hold, e.g.
	 * one beyond the float32 range.
	 * @param block the results at {@code [0, n)}
	 * @param n how many
	 * @return its index in the block, or {@code -1} if the encoding holds them all
	 */
	int firstUnheld(double[] block, int n);

	/**
	 * Says in words that a result is beyond what the encoding holds.
	 * @param function the canonical name of the function
	 * @param value the result
	 * @param pointer the JSON Pointer of its position
	 * @return the detail of the problem
	 */
	String unheld(String function, double value, String pointer);

}
