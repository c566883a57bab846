package ai.activation.catalog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import ai.activation.kernel.Algebraic;
import ai.activation.kernel.AxisKernels;
import ai.activation.kernel.Entmax;
import ai.activation.kernel.Exponential;
import ai.activation.kernel.ExponentialLinear;
import ai.activation.kernel.Gaussian;
import ai.activation.kernel.GatedUnits;
import ai.activation.kernel.Hyperbolic;
import ai.activation.kernel.LogSumExp;
import ai.activation.kernel.Logistic;
import ai.activation.kernel.Periodic;
import ai.activation.kernel.Piecewise;
import ai.activation.kernel.Standardization;
import ai.activation.kernel.Tensor;

/**
 * The catalog: every activation function the service offers, with its names, parameters,
 * formulas and the kernel it binds to. Parameters and definitions follow PyTorch unless
 * noted.
 */
public enum Activation {

	/** The Heaviside step of the classic perceptron. */
	STEP("step", List.of("heaviside"), "Heaviside step; step(0) = 0 as in the classic perceptron.",
			"1 if x > 0, else 0", "\\mathrm{step}(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}", "0",
			"\\mathrm{step}'(x) = 0", "0 everywhere, also at the jump x = 0 (the zero subgradient, as relu'(0) = 0).",
			List.of(), List.of(), (a) -> new Kernel.Elementwise(Piecewise.STEP)),

	/** The identity. */
	IDENTITY("identity", List.of("linear"), "Returns the input unchanged.", "x", "\\mathrm{identity}(x) = x", "1",
			"\\mathrm{identity}'(x) = 1", "No kink.", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.IDENTITY)),

	/** The logistic function. */
	SIGMOID("sigmoid", List.of("logistic"), "Logistic sigmoid; exact in both tails, subnormal below x = -708.",
			"1 / (1 + e^-x)", "\\sigma(x) = \\frac{1}{1 + e^{-x}}", "sigmoid(x) * sigmoid(-x)",
			"\\sigma'(x) = \\sigma(x)\\,\\sigma(-x)", "No kink.", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Logistic.SIGMOID)),

	/** The rectified linear unit. */
	RELU("relu", List.of("ramp"),
			"Rectified linear unit; Keras's negative_slope, max_value and threshold (keras-team/keras keras/src/activations/activations.py) make it leaky, capped or shifted.",
			"max(0, x); with parameters: negative_slope * (x - threshold) if x <= threshold, else x, clipped to [0, max_value] if given",
			"\\mathrm{relu}(x) = \\max(0, x)",
			"1 if x > 0, else 0; with parameters: negative_slope if x <= threshold, else 1 (0 where the clip holds)",
			"\\mathrm{relu}'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}",
			"relu'(0) = 0, as PyTorch (threshold_backward) and JAX (which documents grad relu(0) = 0); with a negative_slope, that slope at the threshold, as leaky_relu's.",
			List.of(Parameter.number("negative_slope", 0.0, Range.ANY, "The slope at and below the threshold."),
					Parameter.number("max_value", null, Range.NON_NEGATIVE,
							"If given, the largest value returned; absent by default."),
					Parameter.number("threshold", 0.0, Range.ANY, "The cut-off below which the slope applies.")),
			List.of(), (a) -> new Kernel.Elementwise(relu(a))),

	/** Softmax along an axis. */
	SOFTMAX("softmax", List.of(), "Softmax along an axis, with the maximum subtracted so that exp cannot overflow.",
			"e^((x_i - m)/T) / sum_j e^((x_j - m)/T), m = max_j x_j",
			"\\mathrm{softmax}(x)_i = \\frac{e^{(x_i - m)/T}}{\\sum_j e^{(x_j - m)/T}},\\ m = \\max_j x_j",
			"(1/T) * y * (g - sum_j g_j y_j), y = softmax(x)",
			"\\frac{1}{T}\\, y \\odot \\left(g - \\textstyle\\sum_j g_j y_j\\right)",
			"No kink; the gradient is this vector-Jacobian product with the upstream gradient g.",
			List.of(Parameter.axes(), temperature()), List.of(),
			(a) -> Kernel.along(AxisKernels.softmax(a.number("temperature")), a.axes())),

	/** The hyperbolic tangent. */
	TANH("tanh", List.of(), "Hyperbolic tangent.", "tanh x", "\\tanh x", "1 - tanh^2 x = sech^2 x",
			"\\tanh' x = \\operatorname{sech}^2 x = \\frac{4 e^{-2|x|}}{(1 + e^{-2|x|})^2}", "No kink.", List.of(),
			List.of(), (a) -> new Kernel.Elementwise(Hyperbolic.TANH)),

	/** ReLU capped at 6. */
	RELU6("relu6", List.of(), "ReLU capped at 6.", "min(max(0, x), 6)", "\\min(\\max(0, x), 6)",
			"1 if 0 < x < 6, else 0", "\\begin{cases} 1 & 0 < x < 6 \\\\ 0 & \\text{otherwise} \\end{cases}",
			"0 at both kinks (x = 0 and x = 6), as PyTorch (hardtanh_backward) and JAX (relu6's custom JVP).",
			List.of(), List.of(), (a) -> new Kernel.Elementwise(Piecewise.RELU6)),

	/** Leaky ReLU. */
	LEAKY_RELU("leaky_relu", List.of("leakyrelu"), "Leaky ReLU.", "x if x > 0, else negative_slope * x",
			"\\begin{cases} x & x > 0 \\\\ \\alpha x & x \\le 0 \\end{cases},\\ \\alpha = \\mathrm{negative\\_slope}",
			"1 if x > 0, else negative_slope", "\\begin{cases} 1 & x > 0 \\\\ \\alpha & x \\le 0 \\end{cases}",
			"negative_slope at x = 0, as PyTorch (leaky_relu_backward); JAX gives 1 there (its leaky_relu tests x >= 0), and so does convention=jax.",
			List.of(Parameter.number("negative_slope", 0.01, Range.ANY, "The slope for x <= 0.")), List.of(),
			(a) -> new Kernel.Elementwise(a.conventionKinks() ? Piecewise.leakyJaxKinks(a.number("negative_slope"))
					: Piecewise.leaky(a.number("negative_slope")))),

	/**
	 * Parametric ReLU, with one shared weight or one per channel: pytorch/pytorch
	 * {@code torch/nn/modules/activation.py} PReLU ({@code num_parameters} weights along
	 * the channel dimension 1; "when input has dims &lt; 2, then there is no channel
	 * dim"); onnx/onnx {@code docs/Operators.md} PRelu, whose slope broadcasts
	 * unidirectionally (a 1-D slope along the last axis: axis=-1 here).
	 */
	PRELU("prelu", List.of(),
			"Parametric ReLU with one shared weight, or one weight per channel along axis (PyTorch's num_parameters, ONNX's broadcast slope).",
			"x if x > 0, else weight_c * x, c the channel of x",
			"\\begin{cases} x & x > 0 \\\\ a_c x & x \\le 0 \\end{cases},\\ a = \\mathrm{weight}",
			"1 if x > 0, else weight_c", "\\begin{cases} 1 & x > 0 \\\\ a_c & x \\le 0 \\end{cases}",
			"weight at x = 0, as PyTorch (prelu backward: x > 0 ? grad : weight * grad).",
			List.of(Parameter.numbers("weight", 0.25, Range.ANY,
					"The slope for x <= 0: one shared number, or one per channel, e.g. 0.25,0.1,0.3."),
					Parameter.channelAxis()),
			List.of(), (a) -> prelu(a)),

	/** Randomized leaky ReLU in evaluation mode. */
	RRELU("rrelu", List.of(),
			"Randomized leaky ReLU in evaluation mode, so deterministic: the slope is (lower + upper) / 2.",
			"x if x > 0, else (lower + upper)/2 * x",
			"\\begin{cases} x & x > 0 \\\\ \\frac{l + u}{2} x & x \\le 0 \\end{cases}",
			"1 if x > 0, else (lower + upper)/2",
			"\\begin{cases} 1 & x > 0 \\\\ \\frac{l + u}{2} & x \\le 0 \\end{cases}",
			"(lower + upper)/2 at x = 0, as PyTorch's evaluation-mode rrelu (leaky_relu_backward).",
			List.of(Parameter.number("lower", 1.0 / 8, Range.ANY, "The lower bound of the slope."),
					Parameter.number("upper", 1.0 / 3, Range.ANY, "The upper bound of the slope.")),
			List.of(Constraint.notAbove("lower", "upper")),
			(a) -> new Kernel.Elementwise(Piecewise.leaky((a.number("lower") + a.number("upper")) / 2))),

	/** Exponential linear unit. */
	ELU("elu", List.of(), "Exponential linear unit, with expm1 near zero.", "x if x > 0, else alpha * (e^x - 1)",
			"\\begin{cases} x & x > 0 \\\\ \\alpha (e^x - 1) & x \\le 0 \\end{cases}", "1 if x > 0, else alpha * e^x",
			"\\begin{cases} 1 & x > 0 \\\\ \\alpha e^x & x \\le 0 \\end{cases}",
			"alpha at x = 0 (the left value), as PyTorch (elu_backward) and JAX.",
			List.of(Parameter.number("alpha", 1.0, Range.ANY, "The scale of the negative part.")), List.of(),
			(a) -> new Kernel.Elementwise(ExponentialLinear.elu(a.number("alpha")))),

	/** Scaled exponential linear unit. */
	SELU("selu", List.of(),
			"Scaled ELU with PyTorch's constants gamma (scale) = 1.0507009873554804934193349852946 and alpha = 1.6732632423543772848170429916717 by default; ONNX Selu's alpha and gamma.",
			"gamma * (x if x > 0, else alpha * (e^x - 1))",
			"\\gamma \\begin{cases} x & x > 0 \\\\ \\alpha (e^x - 1) & x \\le 0 \\end{cases}",
			"gamma if x > 0, else gamma * alpha * e^x",
			"\\gamma \\begin{cases} 1 & x > 0 \\\\ \\alpha e^x & x \\le 0 \\end{cases}",
			"gamma * alpha at x = 0 (the left value), as PyTorch (elu_backward) and JAX.",
			List.of(Parameter.number("alpha", ExponentialLinear.SELU_ALPHA, Range.ANY,
					"The scale of the exponential part."),
					Parameter.number("gamma", ExponentialLinear.SELU_SCALE, Range.ANY, "The overall scale.")),
			List.of(),
			(a) -> new Kernel.Elementwise((a.number("alpha") == ExponentialLinear.SELU_ALPHA
					&& a.number("gamma") == ExponentialLinear.SELU_SCALE) ? ExponentialLinear.SELU
							: ExponentialLinear.selu(a.number("alpha"), a.number("gamma")))),

	/** Continuously differentiable ELU. */
	CELU("celu", List.of(), "Continuously differentiable ELU.", "max(0, x) + min(0, alpha * (e^(x/alpha) - 1))",
			"\\max(0, x) + \\min(0, \\alpha (e^{x/\\alpha} - 1))", "1 if x > 0, else e^(x/alpha)",
			"\\begin{cases} 1 & x > 0 \\\\ e^{x/\\alpha} & x \\le 0 \\end{cases}",
			"1 at x = 0, where both sides agree, as PyTorch (elu_backward with input_scale 1/alpha) and JAX.",
			List.of(Parameter.number("alpha", 1.0, Range.NON_ZERO, "The scale of the negative part; not 0.")),
			List.of(), (a) -> new Kernel.Elementwise(ExponentialLinear.celu(a.number("alpha")))),

	/** Gaussian error linear unit. */
	GELU("gelu", List.of(), "Gaussian error linear unit, exact in the left tail through erfc.",
			"x * Phi(x), or with approximate=tanh: x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))",
			"x \\Phi(x) = \\frac{x}{2} \\operatorname{erfc}\\left(-\\frac{x}{\\sqrt{2}}\\right)",
			"Phi(x) + x * phi(x), phi(x) = e^(-x^2/2)/sqrt(2 pi); with approximate=tanh: sigmoid(t) * (1 + x * t' * sigmoid(-t)), t = 2 sqrt(2/pi) (x + 0.044715 x^3), t' = 2 sqrt(2/pi) (1 + 3 * 0.044715 x^2)",
			"\\Phi(x) + x\\,\\varphi(x),\\ \\varphi(x) = \\frac{e^{-x^2/2}}{\\sqrt{2\\pi}}",
			"No kink; with approximate=tanh, the derivative of the approximation, as PyTorch's gelu_backward.",
			List.of(Parameter.choice("approximate", "none", List.of("none", "tanh"),
					"none for the exact x * Phi(x); tanh for the tanh approximation.")),
			List.of(),
			(a) -> new Kernel.Elementwise("tanh".equals(a.choice("approximate")) ? Gaussian.GELU_TANH : Gaussian.GELU)),

	/** Sigmoid linear unit, also called swish. */
	SILU("silu", List.of("swish"),
			"Sigmoid linear unit (swish); beta as TensorFlow's tf.nn.silu and ONNX Swish's alpha, exact in the left tail.",
			"x * sigmoid(beta * x)", "x \\sigma(\\beta x)", "sigmoid(y) * (1 + y * sigmoid(-y)), y = beta * x",
			"\\sigma(y)\\,(1 + y\\,\\sigma(-y)),\\ y = \\beta x", "No kink.",
			List.of(Parameter.number("beta", 1.0, Range.ANY, "The factor of x inside the sigmoid.")), List.of(),
			(a) -> new Kernel.Elementwise((a.number("beta") == 1.0) ? Logistic.SILU : Logistic.silu(a.number("beta")))),

	/** Mish. */
	MISH("mish", List.of(), "Mish.", "x * tanh(softplus(x))", "x \\tanh(\\ln(1 + e^x))",
			"tanh(softplus(x)) + x * sigmoid(x) * sech^2(softplus(x))",
			"\\tanh(\\mathrm{sp}(x)) + x\\,\\sigma(x) \\operatorname{sech}^2(\\mathrm{sp}(x)),\\ \\mathrm{sp}(x) = \\ln(1 + e^x)",
			"No kink.", List.of(), List.of(), (a) -> new Kernel.Elementwise(Hyperbolic.MISH)),

	/** Softplus. */
	SOFTPLUS("softplus", List.of(),
			"Softplus, exact everywhere by default; with threshold, linear where beta * x > threshold as in PyTorch.",
			"(1/beta) * log(1 + e^(beta * x))", "\\frac{1}{\\beta} \\ln(1 + e^{\\beta x})",
			"sigmoid(beta * x); 1 where beta * x > threshold", "\\sigma(\\beta x)",
			"No kink by default; with a threshold, 1 where beta * x > threshold (a jump there), as PyTorch's softplus_backward.",
			List.of(Parameter.number("beta", 1.0, Range.POSITIVE, "The sharpness of the curve."),
					Parameter.number("threshold", null, Range.ANY,
							"If given, x is returned where beta * x > threshold; absent by default.")),
			List.of(), (a) -> new Kernel.Elementwise(Logistic.softplus(a.number("beta"), a.numberOrNaN("threshold")))),

	/** Softsign. */
	SOFTSIGN("softsign", List.of("soft_sign"), "Softsign.", "x / (1 + |x|)", "\\frac{x}{1 + |x|}", "1 / (1 + |x|)^2",
			"\\frac{1}{(1 + |x|)^2}", "No kink.", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Hyperbolic.SOFTSIGN)),

	/** Hard tanh: a clamp. */
	HARDTANH("hardtanh", List.of("hard_tanh"), "Hard tanh: x clamped to [min_val, max_val].",
			"clamp(x, min_val, max_val)", "\\min(\\max(x, a), b)", "1 if min_val < x < max_val, else 0",
			"\\begin{cases} 1 & a < x < b \\\\ 0 & \\text{otherwise} \\end{cases}",
			"0 at both clamps, as PyTorch (hardtanh_backward); JAX's hard_tanh gives 1 at x = -1 and 1, and convention=jax gives 1 at both clamps.",
			List.of(Parameter.number("min_val", -1.0, Range.ANY, "The lower bound."),
					Parameter.number("max_val", 1.0, Range.ANY, "The upper bound.")),
			List.of(Constraint.notAbove("min_val", "max_val")),
			(a) -> new Kernel.Elementwise(
					a.conventionKinks() ? Piecewise.hardtanhJaxKinks(a.number("min_val"), a.number("max_val"))
							: Piecewise.hardtanh(a.number("min_val"), a.number("max_val")))),

	/** Hard sigmoid, as in PyTorch and Keras 3. */
	HARDSIGMOID("hardsigmoid", List.of("hard_sigmoid"),
			"Hard sigmoid: the PyTorch and Keras 3 definition by default; ONNX HardSigmoid with alpha = 0.2 (onnx/onnx onnx/defs/math/defs.cpp).",
			"clamp(alpha * x + beta, 0, 1)", "\\min(\\max(\\alpha x + \\beta, 0), 1)",
			"alpha if 0 < alpha * x + beta < 1, else 0",
			"\\begin{cases} \\alpha & 0 < \\alpha x + \\beta < 1 \\\\ 0 & \\text{otherwise} \\end{cases}",
			"0 at both clamps (x = -3 and 3 by default), as PyTorch (hardsigmoid_backward) and JAX.",
			List.of(Parameter.number("alpha", 1.0 / 6, Range.ANY, "The slope; 1/6 as PyTorch, 0.2 as ONNX."),
					Parameter.number("beta", 0.5, Range.ANY, "The value at x = 0.")),
			List.of(),
			(a) -> new Kernel.Elementwise((a.number("alpha") == 1.0 / 6 && a.number("beta") == 0.5)
					? Piecewise.HARDSIGMOID : Piecewise.hardsigmoid(a.number("alpha"), a.number("beta")))),

	/** Hard swish. */
	HARDSWISH("hardswish", List.of("hard_swish", "hard_silu"), "Hard swish.", "x * hardsigmoid(x)",
			"x \\min(\\max(\\tfrac{x}{6} + \\tfrac{1}{2}, 0), 1)", "0 if x < -3; x/3 + 1/2 if -3 <= x <= 3; 1 if x > 3",
			"\\begin{cases} 0 & x < -3 \\\\ \\tfrac{x}{3} + \\tfrac{1}{2} & -3 \\le x \\le 3 \\\\ 1 & x > 3 \\end{cases}",
			"-1/2 at x = -3 and 3/2 at x = 3, as PyTorch (hardswish_backward); JAX gives 0 and 1 there, and so does convention=jax.",
			List.of(), List.of(),
			(a) -> new Kernel.Elementwise(a.conventionKinks() ? Piecewise.HARDSWISH_JAX_KINKS : Piecewise.HARDSWISH)),

	/** Hard shrinkage. */
	HARDSHRINK("hardshrink", List.of("hard_shrink"), "Hard shrinkage.", "x if |x| > lambda, else 0",
			"\\begin{cases} x & |x| > \\lambda \\\\ 0 & \\text{otherwise} \\end{cases}", "1 if |x| > lambda, else 0",
			"\\begin{cases} 1 & |x| > \\lambda \\\\ 0 & \\text{otherwise} \\end{cases}",
			"0 at x = -lambda and lambda, as PyTorch (shrink_backward).",
			List.of(Parameter.number("lambda", 0.5, Range.NON_NEGATIVE, "The cut-off.")), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.hardshrink(a.number("lambda")))),

	/** Soft shrinkage. */
	SOFTSHRINK("softshrink", List.of("soft_shrink"), "Soft shrinkage.",
			"x - lambda if x > lambda; x + lambda if x < -lambda; else 0",
			"\\begin{cases} x - \\lambda & x > \\lambda \\\\ x + \\lambda & x < -\\lambda \\\\ 0 & \\text{otherwise} \\end{cases}",
			"1 if |x| > lambda, else 0", "\\begin{cases} 1 & |x| > \\lambda \\\\ 0 & \\text{otherwise} \\end{cases}",
			"0 at x = -lambda and lambda, as PyTorch (shrink_backward).",
			List.of(Parameter.number("lambda", 0.5, Range.NON_NEGATIVE, "The cut-off.")), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.softshrink(a.number("lambda")))),

	/** Tanh shrinkage. */
	TANHSHRINK("tanhshrink", List.of("tanh_shrink"), "Tanh shrinkage, without cancellation for tiny x.", "x - tanh x",
			"x - \\tanh x", "tanh^2 x", "\\tanh^2 x", "No kink.", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Hyperbolic.TANHSHRINK)),

	/** Threshold. */
	THRESHOLD("threshold", List.of(), "Threshold.", "x if x > threshold, else value",
			"\\begin{cases} x & x > \\theta \\\\ v & \\text{otherwise} \\end{cases}", "1 if x > threshold, else 0",
			"\\begin{cases} 1 & x > \\theta \\\\ 0 & \\text{otherwise} \\end{cases}",
			"0 at x = threshold, as PyTorch (threshold_backward).",
			List.of(Parameter.number("threshold", 0.0, Range.ANY, "The cut-off."),
					Parameter.number("value", 0.0, Range.ANY, "The replacement at or below the cut-off.")),
			List.of(), (a) -> new Kernel.Elementwise(Piecewise.threshold(a.number("threshold"), a.number("value")))),

	/** Log of the sigmoid. */
	LOGSIGMOID("logsigmoid", List.of("log_sigmoid"), "Log of the sigmoid.", "log(1 / (1 + e^-x))",
			"\\ln \\sigma(x) = -\\ln(1 + e^{-x})", "sigmoid(-x)", "\\sigma(-x)", "No kink.", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Logistic.LOGSIGMOID)),

	/** The exponential, as Keras's activation. */
	EXPONENTIAL("exponential", List.of("exp"),
			"The exponential (keras-team/keras keras/src/activations/activations.py); a 422 beyond x = 709.78, where e^x leaves the double range.",
			"e^x", "e^x", "e^x", "\\frac{d}{dx} e^x = e^x", "No kink.", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Exponential.EXPONENTIAL)),

	/** Squareplus. */
	SQUAREPLUS("squareplus", List.of("square_plus"),
			"Squareplus (Barron 2021; jax-ml/jax jax/_src/nn/functions.py, keras-team/keras keras/src/ops/nn.py), exact for very negative x, where the sum as written cancels.",
			"(x + sqrt(x^2 + b)) / 2", "\\frac{x + \\sqrt{x^2 + b}}{2}", "(1 + x / sqrt(x^2 + b)) / 2",
			"\\frac{1}{2}\\left(1 + \\frac{x}{\\sqrt{x^2 + b}}\\right)",
			"No kink for b > 0; at b = 0 squareplus is relu and its derivative relu's, 0 at x = 0.",
			List.of(Parameter.number("b", 4.0, Range.NON_NEGATIVE, "The smoothness near 0; 0 gives relu.")), List.of(),
			(a) -> new Kernel.Elementwise(Algebraic.squareplus(a.number("b")))),

	/** Sparse plus. */
	SPARSE_PLUS("sparse_plus", List.of("sparseplus"),
			"Sparse plus (jax-ml/jax jax/_src/nn/functions.py, keras-team/keras keras/src/ops/nn.py): 0 below -1, x above 1, a parabola between.",
			"0 if x <= -1; (x + 1)^2 / 4 if -1 < x < 1; x if x >= 1",
			"\\begin{cases} 0 & x \\le -1 \\\\ \\frac{(x + 1)^2}{4} & -1 < x < 1 \\\\ x & x \\ge 1 \\end{cases}",
			"sparse_sigmoid(x): 0 if x <= -1; (x + 1)/2 if -1 < x < 1; 1 if x >= 1",
			"\\begin{cases} 0 & x \\le -1 \\\\ \\frac{x + 1}{2} & -1 < x < 1 \\\\ 1 & x \\ge 1 \\end{cases}",
			"No kink: the derivative is continuous, 0 at x = -1 and 1 at x = 1 from both sides.", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.SPARSE_PLUS)),

	/** Sparse sigmoid. */
	SPARSE_SIGMOID("sparse_sigmoid", List.of("sparsesigmoid"),
			"Sparse sigmoid (jax-ml/jax jax/_src/nn/functions.py, keras-team/keras keras/src/ops/nn.py): (x + 1)/2 clipped to [0, 1].",
			"0.5 * clip(x + 1, 0, 2)", "\\tfrac{1}{2} \\min(\\max(x + 1, 0), 2)", "1/2 if -1 < x < 1, else 0",
			"\\begin{cases} \\tfrac{1}{2} & -1 < x < 1 \\\\ 0 & \\text{otherwise} \\end{cases}",
			"0 at both kinks (x = -1 and 1), as PyTorch's clamps (hardtanh_backward); JAX, and convention=jax, give 1/4 there (jnp.clip's max and min split the tangent at a tie).",
			List.of(), List.of(),
			(a) -> new Kernel.Elementwise(
					a.conventionKinks() ? Piecewise.SPARSE_SIGMOID_JAX_KINKS : Piecewise.SPARSE_SIGMOID)),

	/** Thresholded ReLU, as ONNX defines it. */
	THRESHOLDED_RELU("thresholded_relu", List.of("thresholdedrelu"),
			"Thresholded ReLU (ONNX ThresholdedRelu, onnx/onnx onnx/defs/math/defs.cpp): x above alpha, else 0.",
			"x if x > alpha, else 0", "\\begin{cases} x & x > \\alpha \\\\ 0 & \\text{otherwise} \\end{cases}",
			"1 if x > alpha, else 0", "\\begin{cases} 1 & x > \\alpha \\\\ 0 & \\text{otherwise} \\end{cases}",
			"0 at x = alpha, as PyTorch's threshold_backward.",
			List.of(Parameter.number("alpha", 1.0, Range.ANY, "The cut-off.")), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.thresholdedRelu(a.number("alpha")))),

	/** Shrink, as ONNX defines it. */
	SHRINK("shrink", List.of(),
			"Shrink (ONNX Shrink, onnx/onnx onnx/defs/math/defs.cpp): 0 inside [-lambd, lambd], x moved towards 0 by bias outside; softshrink at bias = lambd.",
			"x + bias if x < -lambd; x - bias if x > lambd; else 0",
			"\\begin{cases} x + b & x < -\\lambda \\\\ x - b & x > \\lambda \\\\ 0 & \\text{otherwise} \\end{cases}",
			"1 if x < -lambd or x > lambd, else 0",
			"\\begin{cases} 1 & |x| > \\lambda \\\\ 0 & \\text{otherwise} \\end{cases}",
			"0 at x = -lambd and lambd, as PyTorch's shrink_backward.",
			List.of(Parameter.number("lambd", 0.5, Range.ANY, "The cut-off."),
					Parameter.number("bias", 0.0, Range.ANY, "The amount taken off outside the cut-off.")),
			List.of(), (a) -> new Kernel.Elementwise(Piecewise.shrink(a.number("lambd"), a.number("bias")))),

	/** Squared ReLU. */
	RELU_SQUARED("relu_squared", List.of("squared_relu", "relu2"),
			"Squared ReLU of Primer (So et al. 2021, arXiv:2109.08668); a 422 beyond x = 1.34e154, where x^2 leaves the double range.",
			"max(0, x)^2", "\\max(0, x)^2", "2 * max(0, x)", "2 \\max(0, x)", "No kink: 0 at x = 0 from both sides.",
			List.of(), List.of(), (a) -> new Kernel.Elementwise(Piecewise.RELU_SQUARED)),

	/** Snake. */
	SNAKE("snake", List.of(),
			"Snake (Liu, Ziyin and Ueda 2020, arXiv:2006.08195): x plus a periodic ripple of frequency a, with the sine of the exact product a * x.",
			"x + sin^2(a * x) / a", "x + \\frac{\\sin^2(a x)}{a}", "1 + sin(2 a x)", "1 + \\sin(2 a x)", "No kink.",
			List.of(Parameter.number("a", 1.0, Range.POSITIVE, "The frequency of the ripple.")), List.of(),
			(a) -> new Kernel.Elementwise(Periodic.snake(a.number("a")))),

	/** log(1 - e^-x). */
	LOG1MEXP("log1mexp", List.of(),
			"log(1 - e^-x) for x > 0, exact near 0 and for large x (Maechler 2012, the Rmpfr vignette log1mexp-note); a 422 for x <= 0, where it is not finite.",
			"log(1 - e^-x), x > 0", "\\ln(1 - e^{-x}),\\ x > 0", "1 / (e^x - 1)", "\\frac{1}{e^x - 1}",
			"No kink; +inf at x = 0, so a 422 there as for the value.", List.of(), List.of(), Range.POSITIVE,
			(a) -> new Kernel.Elementwise(Exponential.LOG1MEXP)),

	/** Log of the softmax. */
	LOG_SOFTMAX("log_softmax", List.of("logsoftmax"), "Log of the softmax, exact when one term dominates the sum.",
			"(x_i - m)/T - log sum_j e^((x_j - m)/T), m = max_j x_j",
			"\\frac{x_i - m}{T} - \\ln \\sum_j e^{(x_j - m)/T}", "(1/T) * (g - softmax(x) * sum_j g_j)",
			"\\frac{1}{T}\\left(g - \\mathrm{softmax}(x) \\textstyle\\sum_j g_j\\right)",
			"No kink; the gradient is this vector-Jacobian product with the upstream gradient g.",
			List.of(Parameter.axes(), temperature()), List.of(),
			(a) -> Kernel.along(AxisKernels.logSoftmax(a.number("temperature")), a.axes())),

	/** Softmin. */
	SOFTMIN("softmin", List.of(), "Softmin: the softmax of -x.", "softmax(-x)",
			"\\frac{e^{-(x_i - m)/T}}{\\sum_j e^{-(x_j - m)/T}},\\ m = \\min_j x_j",
			"-(1/T) * y * (g - sum_j g_j y_j), y = softmin(x)",
			"-\\frac{1}{T}\\, y \\odot \\left(g - \\textstyle\\sum_j g_j y_j\\right)",
			"No kink; the gradient is this vector-Jacobian product with the upstream gradient g.",
			List.of(Parameter.axes(), temperature()), List.of(),
			(a) -> Kernel.along(AxisKernels.softmin(a.number("temperature")), a.axes())),

	/**
	 * PyTorch's Softmax2d: softmax over the channel axis of a (C, H, W) or (N, C, H, W)
	 * image. pytorch/pytorch {@code torch/nn/modules/activation.py}, class
	 * {@code Softmax2d}: {@code forward} refuses any input that is not 3-D or 4-D and
	 * returns {@code F.softmax(input, -3)}; it takes no parameters.
	 */
	SOFTMAX2D("softmax2d", List.of("softmax_2d"),
			"Softmax over the channels at each spatial position of a (C, H, W) or (N, C, H, W) input (axis -3), as PyTorch's Softmax2d; other ranks are refused.",
			"e^(x_c - m) / sum_k e^(x_k - m) over the channels c at each (n, h, w), m = max_k x_k",
			"\\mathrm{softmax2d}(x)_{c h w} = \\frac{e^{x_{c h w} - m_{h w}}}{\\sum_k e^{x_{k h w} - m_{h w}}},\\ m_{h w} = \\max_k x_{k h w}",
			"y * (g - sum_k g_k y_k) over the channels, y = softmax2d(x)",
			"y \\odot \\left(g - \\textstyle\\sum_k g_k y_k\\right)",
			"No kink; the gradient is this vector-Jacobian product with the upstream gradient g, taken over the channels.",
			List.of(), List.of(), (a) -> new Kernel.AlongAxis(AxisKernels.channelSoftmax(), -3)),

	/** Gated linear unit. */
	GLU("glu", List.of(), "Gated linear unit: the axis is split in halves a and b; its length must be even.",
			"a * sigmoid(b), where x = [a, b] along the axis", "a \\otimes \\sigma(b),\\ x = [a; b]",
			"d/da = g * sigmoid(b); d/db = g * a * sigmoid(b) * sigmoid(-b)",
			"\\frac{\\partial}{\\partial a} = g \\otimes \\sigma(b),\\ \\frac{\\partial}{\\partial b} = g \\otimes a \\otimes \\sigma(b)\\,\\sigma(-b)",
			"No kink; the product has the input's shape (both halves), g the output's.", List.of(Parameter.axis()),
			List.of(), (a) -> new Kernel.AlongAxis(AxisKernels.glu(), a.axis())),

	/** Sparsemax. */
	SPARSEMAX("sparsemax", List.of(),
			"Sparsemax: the Euclidean projection onto the probability simplex (Martins and Astudillo, 2016).",
			"max(x_i - tau, 0), with tau such that the outputs sum to 1",
			"\\mathrm{sparsemax}(x) = \\arg\\min_{p \\in \\Delta} \\lVert p - x \\rVert^2",
			"g_i - mean of g_j over the support S = {j : p_j > 0} for i in S, else 0",
			"\\begin{cases} g_i - \\frac{1}{|S|}\\sum_{j \\in S} g_j & i \\in S \\\\ 0 & i \\notin S \\end{cases},\\ S = \\{j : p_j > 0\\}",
			"Where the support changes, an element with p_i = 0 counts as outside it (as the entmax package's sparsemax backward).",
			List.of(Parameter.axis()), List.of(), (a) -> new Kernel.AlongAxis(AxisKernels.sparsemax(), a.axis())),

	/** 1.5-entmax. */
	ENTMAX15("entmax15", List.of(),
			"1.5-entmax (Peters, Niculae and Martins, 2019; deep-spin/entmax entmax/activations.py, entmax15): sparse like sparsemax, smooth like softmax, by the exact sort-based threshold.",
			"((x_i - m)/2 - tau)_+^2, m = max_j x_j, with tau such that the outputs sum to 1",
			"\\mathrm{entmax}_{1.5}(x)_i = \\left[\\tfrac{x_i}{2} - \\tau\\right]_+^2,\\ \\textstyle\\sum_i p_i = 1",
			"s * (g - q), s_i = sqrt(p_i), q = sum_j g_j s_j / sum_j s_j",
			"s \\odot (g - q),\\ s_i = \\sqrt{p_i},\\ q = \\frac{\\sum_j g_j s_j}{\\sum_j s_j}",
			"Where the support changes, an element with p_i = 0 counts as outside it (s_i = 0), as the entmax package's Entmax15Function backward.",
			List.of(Parameter.axis()), List.of(), (a) -> new Kernel.AlongAxis(Entmax.entmax15(), a.axis())),

	/** α-entmax. */
	ENTMAX("entmax", List.of("entmax_bisect"),
			"alpha-entmax (Peters, Niculae and Martins, 2019; deep-spin/entmax entmax/root_finding.py, entmax_bisect): softmax at alpha = 1, 1.5-entmax at 1.5, sparsemax at 2; other alphas by bisection and Newton steps to full double precision.",
			"((alpha - 1) x_i - tau)_+^(1/(alpha - 1)), with tau such that the outputs sum to 1 (softmax at alpha = 1)",
			"\\alpha\\text{-entmax}(x)_i = \\left[(\\alpha - 1) x_i - \\tau\\right]_+^{1/(\\alpha - 1)},\\ \\textstyle\\sum_i p_i = 1",
			"s * (g - q), s_i = p_i^(2 - alpha) where p_i > 0 (else 0), q = sum_j g_j s_j / sum_j s_j",
			"s \\odot (g - q),\\ s_i = p_i^{2 - \\alpha}\\,[p_i > 0],\\ q = \\frac{\\sum_j g_j s_j}{\\sum_j s_j}",
			"Where the support changes, an element with p_i = 0 counts as outside it (s_i = 0), as the entmax package's EntmaxBisectFunction backward; no kink at alpha = 1 (softmax).",
			List.of(Parameter.axis(),
					Parameter.number("alpha", 1.5, Range.AT_LEAST_ONE,
							"The entmax exponent: 1 is softmax, 2 is sparsemax; larger is sparser.")),
			List.of(), (a) -> new Kernel.AlongAxis(Entmax.entmax(a.number("alpha")), a.axis())),

	/** Hardmax, as ONNX defines it. */
	HARDMAX("hardmax", List.of(),
			"Hardmax (ONNX Hardmax, onnx/onnx docs/Operators.md): 1 at the first maximum along the axis, 0 elsewhere.",
			"1 if i is the first index of max_j x_j, else 0",
			"\\mathrm{hardmax}(x)_i = \\begin{cases} 1 & i = \\min \\arg\\max_j x_j \\\\ 0 & \\text{otherwise} \\end{cases}",
			"0", "0", "0 everywhere, also at ties (the zero subgradient of a piecewise-constant function).",
			List.of(Parameter.axis()), List.of(), (a) -> new Kernel.AlongAxis(GatedUnits.hardmax(), a.axis())),

	/** ReLU-gated linear unit. */
	REGLU("reglu", List.of(),
			"ReLU-gated linear unit of transformer feed-forward layers (Shazeer, 2020): the axis is split in halves a and b as glu; its length must be even.",
			"relu(a) * b, where x = [a, b] along the axis", "\\max(0, a) \\otimes b,\\ x = [a; b]",
			"d/da = g * b if a > 0, else 0; d/db = g * relu(a)",
			"\\frac{\\partial}{\\partial a} = g \\otimes b \\otimes [a > 0],\\ \\frac{\\partial}{\\partial b} = g \\otimes \\max(0, a)",
			"relu'(0) = 0, as PyTorch; the product has the input's shape (both halves), g the output's.",
			List.of(Parameter.axis()), List.of(), (a) -> new Kernel.AlongAxis(GatedUnits.reglu(), a.axis())),

	/** log-sum-exp along an axis. */
	LOGSUMEXP("logsumexp", List.of("log_sum_exp", "reduce_logsumexp"),
			"log of the sum of exponentials along an axis (torch.logsumexp, jax.nn.logsumexp), exact when one term dominates; the axis is removed unless keepdims=true (a vector gives one value).",
			"m + log sum_j e^(x_j - m), m = max_j x_j", "\\ln \\textstyle\\sum_j e^{x_j}",
			"g * softmax(x)_i, g the upstream gradient of the lane", "g\\,\\mathrm{softmax}(x)_i",
			"No kink; the gradient is this vector-Jacobian product with the upstream gradient g.",
			List.of(Parameter.axes(), keepdims()), List.of(),
			(a) -> Kernel.along(LogSumExp.logsumexp("true".equals(a.choice("keepdims"))), a.axes())),

	/** log-mean-exp along an axis. */
	LOGMEANEXP("logmeanexp", List.of("log_mean_exp"),
			"log of the mean of exponentials along an axis (jax.nn.logmeanexp): logsumexp - log n, with log n in double-double.",
			"logsumexp(x) - log n", "\\ln \\frac{1}{n}\\textstyle\\sum_j e^{x_j}",
			"g * softmax(x)_i, g the upstream gradient of the lane", "g\\,\\mathrm{softmax}(x)_i",
			"No kink; the gradient is this vector-Jacobian product with the upstream gradient g.",
			List.of(Parameter.axes(), keepdims()), List.of(),
			(a) -> Kernel.along(LogSumExp.logmeanexp("true".equals(a.choice("keepdims"))), a.axes())),

	/** Standardization along an axis. */
	STANDARDIZE("standardize", List.of(),
			"(x - mean) / sqrt(var + epsilon) along an axis (jax.nn.standardize), in two passes with double-double sums, where JAX's mean(x^2) - mean^2 cancels.",
			"(x_i - mean) / sqrt(var + epsilon), var = mean((x - mean)^2)",
			"\\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}",
			"(1/s) * (g_i - mean(g) - y_i * mean(g * y)), s = sqrt(var + epsilon), y = standardize(x)",
			"\\frac{1}{s}\\left(g_i - \\bar g - y_i\\,\\overline{g y}\\right)",
			"No kink; the gradient is this vector-Jacobian product with the upstream gradient g.",
			List.of(Parameter.axes(),
					Parameter.number("epsilon", 1e-5, Range.NON_NEGATIVE,
							"Added to the variance; 0 makes a constant lane a 422.")),
			List.of(), (a) -> Kernel.along(Standardization.standardize(a.number("epsilon")), a.axes())),

	/** Concatenated ReLU. */
	CRELU("crelu", List.of(),
			"Concatenated ReLU (tf.nn.crelu): relu(x) and relu(-x) side by side along the axis, which doubles.",
			"[relu(x), relu(-x)] along the axis", "[\\max(0, x); \\max(0, -x)]",
			"g_i if x_i > 0; -g_(n+i) if x_i < 0; 0 at x_i = 0",
			"\\begin{cases} g_i & x_i > 0 \\\\ -g_{n+i} & x_i < 0 \\\\ 0 & x_i = 0 \\end{cases}",
			"relu'(0) = 0 on both halves, as PyTorch; g has the output's shape (twice as long along the axis).",
			List.of(Parameter.axis()), List.of(), (a) -> new Kernel.AlongAxis(GatedUnits.crelu(), a.axis())),

	/** Swish-gated linear unit. */
	SWIGLU("swiglu", List.of(),
			"Swish-gated linear unit of transformer feed-forward layers (Shazeer 2020): swish_alpha(a) * b, the axis split in halves a and b as glu; its length must be even.",
			"a * sigmoid(alpha * a) * b, where x = [a, b] along the axis",
			"a\\,\\sigma(\\alpha a) \\otimes b,\\ x = [a; b]", "d/da = g * b * swish'(a); d/db = g * swish(a)",
			"\\frac{\\partial}{\\partial a} = g \\otimes b \\otimes \\mathrm{swish}'(a),\\ \\frac{\\partial}{\\partial b} = g \\otimes \\mathrm{swish}(a)",
			"No kink; the product has the input's shape (both halves), g the output's.",
			List.of(Parameter.axis(), Parameter.number("alpha", 1.0, Range.ANY, "The factor of a inside the sigmoid.")),
			List.of(), (a) -> new Kernel.AlongAxis(GatedUnits.swiglu(a.number("alpha")), a.axis())),

	/** GELU-gated linear unit. */
	GEGLU("geglu", List.of(),
			"GELU-gated linear unit of transformer feed-forward layers (Shazeer 2020): gelu(a) * b, the axis split in halves a and b as glu; its length must be even.",
			"gelu(a) * b, where x = [a, b] along the axis", "a\\,\\Phi(a) \\otimes b,\\ x = [a; b]",
			"d/da = g * b * gelu'(a); d/db = g * gelu(a)",
			"\\frac{\\partial}{\\partial a} = g \\otimes b \\otimes \\mathrm{gelu}'(a),\\ \\frac{\\partial}{\\partial b} = g \\otimes \\mathrm{gelu}(a)",
			"No kink; the product has the input's shape (both halves), g the output's.",
			List.of(Parameter.axis(),
					Parameter.choice("approximate", "none", List.of("none", "tanh"),
							"none for the exact gelu; tanh for its tanh approximation.")),
			List.of(), (a) -> new Kernel.AlongAxis(GatedUnits.geglu("tanh".equals(a.choice("approximate"))), a.axis()));

	private final String canonicalName;

	private final List<String> aliases;

	private final String summary;

	private final String formula;

	private final String latex;

	private final String derivativeFormula;

	private final String derivativeLatex;

	private final String derivativeConvention;

	private final List<Parameter> parameters;

	private final List<Constraint> constraints;

	private final Range domain;

	private final Function<Arguments, Kernel> binder;

	Activation(String canonicalName, List<String> aliases, String summary, String formula, String latex,
			String derivativeFormula, String derivativeLatex, String derivativeConvention, List<Parameter> parameters,
			List<Constraint> constraints, Function<Arguments, Kernel> binder) {
		this(canonicalName, aliases, summary, formula, latex, derivativeFormula, derivativeLatex, derivativeConvention,
				parameters, constraints, Range.ANY, binder);
	}

	Activation(String canonicalName, List<String> aliases, String summary, String formula, String latex,
			String derivativeFormula, String derivativeLatex, String derivativeConvention, List<Parameter> parameters,
			List<Constraint> constraints, Range domain, Function<Arguments, Kernel> binder) {
		this.domain = domain;
		this.canonicalName = canonicalName;
		this.aliases = aliases;
		this.summary = summary;
		this.formula = formula;
		this.latex = latex;
		this.derivativeFormula = derivativeFormula;
		this.derivativeLatex = derivativeLatex;
		this.derivativeConvention = derivativeConvention;
		this.parameters = parameters;
		this.constraints = constraints;
		this.binder = binder;
	}

	/** relu at its defaults is the vectorized {@link Piecewise#RELU}; else Keras's. */
	private static ai.activation.kernel.ScalarFunction relu(Arguments a) {
		double slope = a.number("negative_slope");
		double max = a.numberOrNaN("max_value");
		double threshold = a.number("threshold");
		if (slope == 0 && Double.isNaN(max) && threshold == 0) {
			return Piecewise.RELU;
		}
		return Piecewise.relu(slope, max, threshold);
	}

	/** prelu: elementwise with one weight, per channel with more. */
	private static Kernel prelu(Arguments a) {
		double[] weights = a.numbers("weight");
		if (weights.length == 1) {
			return new Kernel.Elementwise(Piecewise.leaky(weights[0]));
		}
		return new Kernel.PerChannel(Arrays.stream(weights).mapToObj(Piecewise::leaky).toList(), a.axisOrNull(),
				"weight");
	}

	private static Parameter keepdims() {
		return Parameter.choice("keepdims", "false", List.of("false", "true"),
				"true keeps the reduced axis, with length 1; false removes it (a vector still gives a vector of one value).");
	}

	private static Parameter temperature() {
		return Parameter.number("temperature", 1.0, Range.POSITIVE, "The temperature T that divides the inputs.");
	}

	/**
	 * Returns the canonical name, as used in {@code /activate/{function}} and in
	 * responses.
	 * @return the name
	 */
	public String canonicalName() {
		return this.canonicalName;
	}

	/**
	 * Returns the other names that resolve to this function.
	 * @return the aliases
	 */
	public List<String> aliases() {
		return this.aliases;
	}

	/**
	 * Returns one sentence describing the function.
	 * @return the summary
	 */
	public String summary() {
		return this.summary;
	}

	/**
	 * Returns the definition in plain text.
	 * @return the formula
	 */
	public String formula() {
		return this.formula;
	}

	/**
	 * Returns the definition in LaTeX.
	 * @return the formula
	 */
	public String latex() {
		return this.latex;
	}

	/**
	 * Returns the derivative in plain text: f′(x) for an elementwise function, the
	 * vector-Jacobian product with the upstream gradient g for a function along an axis.
	 * @return the formula of the derivative
	 */
	public String derivativeFormula() {
		return this.derivativeFormula;
	}

	/**
	 * Returns the derivative in LaTeX, as {@link #derivativeFormula()}.
	 * @return the formula of the derivative
	 */
	public String derivativeLatex() {
		return this.derivativeLatex;
	}

	/**
	 * Returns one sentence saying which value the gradient takes at the kinks (PyTorch's
	 * autograd convention) and where JAX differs; "No kink." for smooth functions.
	 * @return the kink convention
	 */
	public String derivativeConvention() {
		return this.derivativeConvention;
	}

	/**
	 * Returns the parameters in the order they are documented.
	 * @return the parameters
	 */
	public List<Parameter> parameters() {
		return this.parameters;
	}

	/**
	 * Returns the rules that tie several parameters together.
	 * @return the constraints
	 */
	public List<Constraint> constraints() {
		return this.constraints;
	}

	/**
	 * Returns the inputs where an elementwise function is defined and finite;
	 * {@link Range#ANY} for all but a few (log1mexp: x &gt; 0). The service answers an
	 * input outside it with 422, as any other result that is not a finite double.
	 * @return the domain
	 */
	public Range domain() {
		return this.domain;
	}

	/**
	 * Tells whether the function is applied along an axis rather than element by element.
	 * @return {@code true} for the softmax family, GLU and sparsemax
	 */
	public boolean alongAxis() {
		return bind(defaults()).sliceLength() > 1;
	}

	/**
	 * Returns the ranks an input must have, for the few functions defined on some ranks
	 * only: softmax2d takes a (C, H, W) or (N, C, H, W) input, as PyTorch's
	 * {@code Softmax2d}, which refuses the others; every other function takes any rank.
	 * @return the allowed ranks in increasing order, or empty for any rank
	 */
	public List<Integer> ranks() {
		return (this == SOFTMAX2D) ? List.of(3, 4) : List.of();
	}

	/**
	 * Returns a small input that shows what the function does at its default parameters,
	 * as documented in the OpenAPI operations. One rule for the whole catalog, driven by
	 * {@link #alongAxis()}: an elementwise function gets a vector that crosses every kink
	 * and cut-off of the catalog (0; ±0.25, inside the shrink cut-offs; ±1, the hardtanh
	 * clamps; ±8, past the relu6 cap and the hard sigmoid's saturation), or, for a
	 * function defined for x &gt; 0 only ({@link #domain()}), seven points from 0.001 to
	 * 40; a function along an axis gets a 2 × 4 matrix: two lanes of even length, as GLU
	 * needs, that sparsemax makes sparse; softmax2d, which takes ranks 3 and 4 only
	 * ({@link #ranks()}), gets the same eight numbers as a (C, H, W) = (2, 1, 4) image.
	 * @return a new tensor
	 */
	public Tensor example() {
		if (!ranks().isEmpty()) {
			// softmax2d: the same two lanes of four as (C, H, W) = (2, 1, 4), each pixel
			// a
			// lane of two channels
			return new Tensor(new double[] { 1, 2, 3, 4, 0.1, 0.9, 0.4, 1.2 }, new int[] { 2, 1, 4 });
		}
		if (alongAxis()) {
			return new Tensor(new double[] { 1, 2, 3, 4, 0.1, 0.9, 0.4, 1.2 }, new int[] { 2, 4 });
		}
		if (!this.domain.equals(Range.ANY)) {
			// the positive half of the same points, and the far tail
			return new Tensor(new double[] { 0.125, 0.25, 0.5, 1, 2, 8, 40 }, new int[] { 7 });
		}
		return new Tensor(new double[] { -8, -1, -0.25, 0, 0.25, 1, 8 }, new int[] { 7 });
	}

	/**
	 * Says what an optional {@code mask} (a boolean tensor of the input's shape) does to
	 * the function, as the kernel it binds to states it: the softmax family, logsumexp
	 * and logmeanexp take one, as jax-ml/jax {@code jax/_src/nn/functions.py}'s
	 * {@code where}; the other functions take none.
	 * @return the rule in words, or empty if the function takes no mask
	 */
	public Optional<String> maskRule() {
		return Optional.ofNullable(bind(defaults()).maskRule());
	}

	/**
	 * Returns the arguments of a call that names no parameter: every default, under the
	 * catalog's own convention.
	 * @return the arguments
	 */
	public Arguments defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (Parameter parameter : this.parameters) {
			defaults.put(parameter.name(), parameter.defaultValue());
		}
		return new Arguments(defaults);
	}

	/**
	 * Binds the function to validated arguments.
	 * @param arguments the arguments, with defaults filled in
	 * @return the kernel to run
	 */
	public Kernel bind(Arguments arguments) {
		return this.binder.apply(arguments);
	}

}
