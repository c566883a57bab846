package ai.activation.kernel;

/**
 * The limits of double arithmetic the elementwise kernels share, and the guarantee they
 * all give. The functions themselves are in their family classes: {@link Piecewise} (the
 * piecewise-linear functions, hard sigmoid and hard swish), {@link Logistic} (sigmoid,
 * logsigmoid, silu, softplus), {@link Hyperbolic} (tanh, tanhshrink, softsign, mish),
 * {@link ExponentialLinear} (elu, selu, celu) and {@link Gaussian} (gelu and its tanh
 * approximation).
 *
 * <p>
 * For every finite argument each function returns a finite value within the stated ulp
 * bound of the correctly rounded true value, and a derivative within the stated ulp bound
 * of the correctly rounded true derivative (the bounds are measured in
 * {@code KernelAccuracyTests} and listed in {@code docs/accuracy.md}); the
 * piecewise-linear functions and their derivatives are exact (a single IEEE operation at
 * most). The only infinite results are where the true value itself is outside the double
 * range; those cases are named in the Javadoc of the function.
 *
 * <p>
 * {@link ScalarFunction#naiveFails(double)} and
 * {@link ScalarFunction#naiveDerivativeFails(double)} are cheap predicates (no
 * exponential) telling where the textbook formula in the Javadoc would overflow an
 * intermediate, or return NaN, ±∞ or a flushed zero; their exact definitions are given
 * per function.
 *
 * <p>
 * Derivatives at kinks follow PyTorch's autograd, whose formulas are in
 * {@code tools/autograd/derivatives.yaml} and whose CPU kernels are in
 * {@code aten/src/ATen/native/cpu/Activation.cpp} (pytorch/pytorch); where JAX
 * ({@code jax/_src/nn/functions.py}) differs, the function's Javadoc says so.
 */
public final class Scalars {

	/** The largest x with e^x finite: ln(Double.MAX_VALUE). */
	static final double LN_MAX = 709.782712893384;

	/** ln(2^−1075): e^x rounds to zero at and below this. */
	static final double LN_UNDERFLOW = -745.1332191019411;

	/** −53·ln 2: at and below this, 1 + e^x rounds to 1. */
	static final double LN_HALF_ULP_OF_ONE = -36.7368005696771;

	/** −54·ln 2: below this, e^x − 1 rounds to −1. */
	static final double EXPM1_SATURATES = -37.42994775023705;

	/**
	 * 2^−54: for 0 &lt; |x| ≤ this, e^x and e^−x both round to 1 (and e^x − 1 to 0) for x
	 * &lt; 0.
	 */
	static final double EXP_FLUSH = 0x1p-54;

	/**
	 * Beyond this distance below zero, x·e^x is computed by scaling (σ(x) = e^x to
	 * 4e−18).
	 */
	static final double TAIL = -40.0;

	private Scalars() {
	}

}
