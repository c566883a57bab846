package ai.activation.kernel;

/**
 * A scalar function whose bulk path ({@link #applyAll}) is a loop of
 * {@link VectorKernels} on the Vector API; value, derivative, the event predicates and
 * the gradient are the scalar function's. {@link #of} gives the scalar function itself
 * where the Vector API module is absent, so {@link VectorKernels} is never loaded then.
 */
final class Vectorized implements ScalarFunction {

	/** A bulk path of {@link VectorKernels}. */
	@FunctionalInterface
	interface Path {

		/**
		 * Applies the function to every element of {@code in}, the lanes it does not
		 * cover and the tail by {@code scalar}.
		 * @param in the arguments, not modified
		 * @param out the results; may be {@code in}
		 * @param scalar the scalar definition of the function
		 * @return the number of overflow-avoidance events
		 */
		long apply(double[] in, double[] out, ScalarFunction scalar);

	}

	private final ScalarFunction scalar;

	private final Path path;

	private Vectorized(ScalarFunction scalar, Path path) {
		this.scalar = scalar;
		this.path = path;
	}

	/**
	 * Gives {@code scalar} the bulk path {@code path} when {@link Simd#AVAILABLE}.
	 * @param scalar the scalar definition
	 * @param path its vector loop, with the same results as the scalar definition element
	 * by element (bit for bit for the exact functions) and the same event count
	 * @return the function
	 */
	static ScalarFunction of(ScalarFunction scalar, Path path) {
		return Simd.AVAILABLE ? new Vectorized(scalar, path) : scalar;
	}

	@Override
	public double value(double x) {
		return this.scalar.value(x);
	}

	@Override
	public boolean naiveFails(double x) {
		return this.scalar.naiveFails(x);
	}

	@Override
	public double derivative(double x) {
		return this.scalar.derivative(x);
	}

	@Override
	public boolean naiveDerivativeFails(double x) {
		return this.scalar.naiveDerivativeFails(x);
	}

	@Override
	public long applyAll(double[] in, double[] out) {
		return this.path.apply(in, out, this.scalar);
	}

	@Override
	public long gradientAll(double[] in, double[] grad, double[] out) {
		return this.scalar.gradientAll(in, grad, out);
	}

}
