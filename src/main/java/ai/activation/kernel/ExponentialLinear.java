package ai.activation.kernel;

import static ai.activation.kernel.Scalars.EXPM1_SATURATES;
import static ai.activation.kernel.Scalars.EXP_FLUSH;
import static ai.activation.kernel.Scalars.LN_MAX;
import static ai.activation.kernel.Scalars.LN_UNDERFLOW;

/**
 * The exponential linear units: elu, selu and celu.
 *
 * <p>
 * Derivatives for x ≤ 0 are PyTorch's {@code elu_backward} with {@code is_result =
 * false} (pytorch/pytorch {@code aten/src/ATen/native/cpu/Activation.cpp}: x ≤ 0 →
 * input_scale·scale·alpha·e^(x·input_scale), else scale), so the derivative at 0 is the
 * left one: elu′(0) = alpha, selu′(0) = scale·alpha, celu′(0) = 1. JAX agrees for elu and
 * selu (where(x &gt; 0, x, alpha·expm1(x)) takes the second branch at 0) and for celu,
 * whose max(x, 0) + alpha·expm1(min(x, 0)/alpha) differentiates to 1 at 0 too.
 *
 * <p>
 * Their derivative events use the textbook form f′(x) = f(x) + alpha for x ≤ 0 (Clevert
 * et al., 2016; PyTorch's in-place {@code elu_} backward, {@code is_result = true}),
 * which flushes to 0 where f(x) rounds to −alpha, that is where e^x − 1 rounds to −1 (x
 * &lt; −54·ln 2 ≈ −37.43), while the true alpha·e^x is not 0.
 */
public final class ExponentialLinear {

	/** PyTorch's SELU scale. */
	public static final double SELU_SCALE = 1.0507009873554804934193349852946;

	/** PyTorch's SELU alpha. */
	public static final double SELU_ALPHA = 1.6732632423543772848170429916717;

	/** SELU_SCALE · SELU_ALPHA, from the decimal constants, correctly rounded. */
	private static final double SELU_SCALE_ALPHA = 1.7580993408473768;

	/** Below this x, e^x is subnormal or near it: c·e^x is scaled by 2^k. */
	private static final double EXP_SCALED_BELOW = -700.0;

	private ExponentialLinear() {
	}

	/**
	 * selu(x) = scale · (x if x &gt; 0, else alpha · (e^x − 1)), with PyTorch's decimal
	 * constants; the negative part as (scale·alpha)·expm1(x). Within 2 ulp. Out of range:
	 * for x &gt; MAX_VALUE/scale ≈ 1.71e308 the true value exceeds MAX_VALUE and +∞ is
	 * returned.
	 *
	 * <p>
	 * selu′(x) = scale for x &gt; 0, (scale·alpha)·e^x for x ≤ 0 (scaled by 2^k below
	 * −700, so subnormal results carry one rounding). Within 2 ulp.
	 *
	 * <p>
	 * Event: the textbook e^x − 1 flushes to 0 for −2^−54 ≤ x &lt; 0. Derivative event:
	 * f(x) + scale·alpha flushes to 0 for −745.7 &lt; x &lt; −37.43.
	 */
	public static final ScalarFunction SELU = Vectorized.of(
			ScalarFunction.of((x) -> (x > 0) ? SELU_SCALE * x : SELU_SCALE_ALPHA * Math.expm1(x),
					(x) -> x < 0 && x >= -EXP_FLUSH, (x) -> (x > 0) ? SELU_SCALE : timesExp(SELU_SCALE_ALPHA, x),
					resultFormFlushes(SELU_SCALE_ALPHA)),
			(in, out, scalar) -> VectorKernels.expLinear(SELU_SCALE, SELU_SCALE_ALPHA, in, out, scalar));

	/**
	 * selu with ONNX's parameters (onnx/onnx {@code onnx/defs/math/defs.cpp}, Selu: "y =
	 * gamma * (alpha * e^x - alpha) for x &lt;= 0, y = gamma * x for x &gt; 0"): gamma·x
	 * for x &gt; 0, else gamma·alpha·(e^x − 1), the product of the three factors rounded
	 * once ({@link DoubleDouble#product}), so within 2 ulp (1 from expm1). At PyTorch's
	 * constants the catalog binds {@link #SELU}.
	 *
	 * <p>
	 * selu′(x) = gamma for x &gt; 0, gamma·alpha·e^x for x ≤ 0 (the left value at 0, as
	 * {@link #SELU}), rounded once; within 2 ulp. Events as {@link #elu(double)} with
	 * gamma·alpha as the scale.
	 * @param alpha the scale of the exponential part before gamma
	 * @param gamma the overall scale
	 * @return the function
	 */
	public static ScalarFunction selu(double alpha, double gamma) {
		return ScalarFunction.of((x) -> (x > 0) ? gamma * x : DoubleDouble.product(gamma, alpha, Math.expm1(x)),
				(x) -> x < 0 && x >= -EXP_FLUSH && alpha != 0 && gamma != 0,
				(x) -> (x > 0) ? gamma : DoubleDouble.productExp(gamma, alpha, x), resultFormFlushes(gamma * alpha));
	}

	/**
	 * elu(x) = x if x &gt; 0, else alpha·(e^x − 1), with expm1 near zero. Within 2 ulp,
	 * also on the bulk path (the lanewise EXPM1 of {@code VectorKernels.expLinear}, which
	 * selu at its defaults takes too).
	 *
	 * <p>
	 * elu′(x) = 1 for x &gt; 0, alpha·e^x for x ≤ 0 (scaled below −700). Within 2 ulp.
	 *
	 * <p>
	 * Event: the textbook e^x − 1 flushes to 0 for −2^−54 ≤ x &lt; 0. Derivative event:
	 * f(x) + alpha flushes to 0 for ln(2^−1075/|alpha|) &lt; x &lt; −37.43.
	 * @param alpha the scale of the negative part
	 * @return the function
	 */
	public static ScalarFunction elu(double alpha) {
		return Vectorized.of(
				ScalarFunction.of((x) -> (x > 0) ? x : alpha * Math.expm1(x),
						(x) -> x < 0 && x >= -EXP_FLUSH && alpha != 0, (x) -> (x > 0) ? 1.0 : timesExp(alpha, x),
						resultFormFlushes(alpha)),
				(in, out, scalar) -> VectorKernels.expLinear(1.0, alpha, in, out, scalar));
	}

	/** c·e^x for x ≤ 0, with one rounding where the result is subnormal. */
	private static double timesExp(double c, double x) {
		return (x < EXP_SCALED_BELOW) ? DoubleDouble.scaledExp(c, 1.0, x, 0.0) : c * Math.exp(x);
	}

	private static java.util.function.DoublePredicate resultFormFlushes(double alpha) {
		double underflow = LN_UNDERFLOW - Math.log(Math.abs(alpha));
		return (x) -> alpha != 0 && x < EXPM1_SATURATES && x > underflow;
	}

	/**
	 * celu(x) = max(0, x) + min(0, alpha·(e^(x/alpha) − 1)): x for x &gt; 0, else
	 * alpha·expm1(q) with q = x/alpha formed in double-double (for alpha &lt; 0, q is
	 * positive and its rounding is amplified q-fold) and, for q &gt; 40, alpha·e^q scaled
	 * by 2^k so that it does not overflow before the true value does. Within 3 ulp. Out
	 * of range: for alpha &lt; 0 and x/alpha &gt; ln(MAX_VALUE/|alpha|) the true value is
	 * below −MAX_VALUE and −∞ is returned.
	 *
	 * <p>
	 * celu′(x) = 1 for x &gt; 0, e^q for x ≤ 0, with q in double-double as e^qh·(1 + ql),
	 * scaled by 2^k outside [−700, 40]. Out of range: for alpha &lt; 0 and x/alpha &gt;
	 * 709.78 the true derivative exceeds MAX_VALUE and +∞ is returned.
	 *
	 * <p>
	 * Event (x &lt; 0 only): the textbook e^(x/alpha) overflows (x/alpha &gt; 709.78)
	 * while the true value is finite, or e^(x/alpha) − 1 flushes to 0 (|x/alpha| ≤
	 * 2^−54). Derivative event: the textbook f(x)/alpha + 1 flushes to 0 for −745.13 &lt;
	 * x/alpha &lt; −37.43.
	 *
	 * <p>
	 * At alpha = 1 (q = x exactly, ql = 0) celu is elu(x) with alpha 1, and its bulk path
	 * is elu's ({@code VectorKernels.expLinear}, within 2 ulp).
	 * @param alpha a non-zero scale
	 * @return the function
	 */
	public static ScalarFunction celu(double alpha) {
		ScalarFunction scalar = scalarCelu(alpha);
		if (alpha == 1.0) {
			return Vectorized.of(scalar, (in, out, f) -> VectorKernels.expLinear(1.0, 1.0, in, out, f));
		}
		return scalar;
	}

	private static ScalarFunction scalarCelu(double alpha) {
		double overflow = LN_MAX - Math.log(Math.abs(alpha));
		return ScalarFunction.of((x) -> {
			if (x > 0) {
				return x;
			}
			double qh = x / alpha;
			if (Double.isInfinite(qh)) {
				return (qh > 0) ? Double.NEGATIVE_INFINITY : -alpha;
			}
			double ql = Math.fma(-qh, alpha, x) / alpha;
			if (qh > 40.0) {
				return DoubleDouble.scaledExp(alpha, 1.0, qh, ql);
			}
			double m = Math.expm1(qh);
			// expm1(qh + ql) ≈ m + (m + 1)·ql
			return alpha * Math.fma(m + 1.0, ql, m);
		}, (x) -> {
			if (!(x < 0)) {
				return false;
			}
			double q = x / alpha;
			return (q > LN_MAX && q <= overflow) || Math.abs(q) <= EXP_FLUSH;
		}, (x) -> {
			if (x > 0) {
				return 1.0;
			}
			double qh = x / alpha;
			if (Double.isInfinite(qh)) {
				return (qh > 0) ? Double.POSITIVE_INFINITY : 0.0;
			}
			double ql = Math.fma(-qh, alpha, x) / alpha;
			if (qh > 40.0 || qh < EXP_SCALED_BELOW) {
				return DoubleDouble.scaledExp(1.0, 1.0, qh, ql);
			}
			double e = Math.exp(qh);
			return Math.fma(e, ql, e);
		}, (x) -> {
			double q = x / alpha;
			return x <= 0 && q < EXPM1_SATURATES && q > LN_UNDERFLOW;
		});
	}

}
