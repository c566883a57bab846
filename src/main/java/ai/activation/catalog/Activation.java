package ai.activation.catalog;

import java.util.List;
import java.util.function.Function;

import ai.activation.kernel.AxisKernels;
import ai.activation.kernel.ExponentialLinear;
import ai.activation.kernel.Gaussian;
import ai.activation.kernel.Hyperbolic;
import ai.activation.kernel.Logistic;
import ai.activation.kernel.Piecewise;
import ai.activation.kernel.Tensor;

/**
 * The catalog: every activation function the service offers, with its names, parameters,
 * formulas and the kernel it binds to. Parameters and definitions follow PyTorch unless
 * noted.
 */
public enum Activation {

	/** The Heaviside step of the classic perceptron. */
	STEP("step", List.of("heaviside"), "Heaviside step; step(0) = 0 as in the classic perceptron.",
			"1 if x > 0, else 0", "\\mathrm{step}(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}",
			List.of(), List.of(), (a) -> new Kernel.Elementwise(Piecewise.STEP)),

	/** The identity. */
	IDENTITY("identity", List.of("linear"), "Returns the input unchanged.", "x", "\\mathrm{identity}(x) = x", List.of(),
			List.of(), (a) -> new Kernel.Elementwise(Piecewise.IDENTITY)),

	/** The logistic function. */
	SIGMOID("sigmoid", List.of("logistic"), "Logistic sigmoid; exact in both tails, subnormal below x = -708.",
			"1 / (1 + e^-x)", "\\sigma(x) = \\frac{1}{1 + e^{-x}}", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Logistic.SIGMOID)),

	/** The rectified linear unit. */
	RELU("relu", List.of("ramp"), "Rectified linear unit.", "max(0, x)", "\\mathrm{relu}(x) = \\max(0, x)", List.of(),
			List.of(), (a) -> new Kernel.Elementwise(Piecewise.RELU)),

	/** Softmax along an axis. */
	SOFTMAX("softmax", List.of(), "Softmax along an axis, with the maximum subtracted so that exp cannot overflow.",
			"e^((x_i - m)/T) / sum_j e^((x_j - m)/T), m = max_j x_j",
			"\\mathrm{softmax}(x)_i = \\frac{e^{(x_i - m)/T}}{\\sum_j e^{(x_j - m)/T}},\\ m = \\max_j x_j",
			List.of(Parameter.axis(), temperature()), List.of(),
			(a) -> new Kernel.AlongAxis(AxisKernels.softmax(a.number("temperature")), a.axis())),

	/** The hyperbolic tangent. */
	TANH("tanh", List.of(), "Hyperbolic tangent.", "tanh x", "\\tanh x", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Hyperbolic.TANH)),

	/** ReLU capped at 6. */
	RELU6("relu6", List.of(), "ReLU capped at 6.", "min(max(0, x), 6)", "\\min(\\max(0, x), 6)", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.RELU6)),

	/** Leaky ReLU. */
	LEAKY_RELU("leaky_relu", List.of(), "Leaky ReLU.", "x if x > 0, else negative_slope * x",
			"\\begin{cases} x & x > 0 \\\\ \\alpha x & x \\le 0 \\end{cases},\\ \\alpha = \\mathrm{negative\\_slope}",
			List.of(Parameter.number("negative_slope", 0.01, Range.ANY, "The slope for x <= 0.")), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.leaky(a.number("negative_slope")))),

	/** Parametric ReLU with a single shared weight. */
	PRELU("prelu", List.of(), "Parametric ReLU with one shared weight.", "x if x > 0, else weight * x",
			"\\begin{cases} x & x > 0 \\\\ a x & x \\le 0 \\end{cases},\\ a = \\mathrm{weight}",
			List.of(Parameter.number("weight", 0.25, Range.ANY, "The slope for x <= 0.")), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.leaky(a.number("weight")))),

	/** Randomized leaky ReLU in evaluation mode. */
	RRELU("rrelu", List.of(),
			"Randomized leaky ReLU in evaluation mode, so deterministic: the slope is (lower + upper) / 2.",
			"x if x > 0, else (lower + upper)/2 * x",
			"\\begin{cases} x & x > 0 \\\\ \\frac{l + u}{2} x & x \\le 0 \\end{cases}",
			List.of(Parameter.number("lower", 1.0 / 8, Range.ANY, "The lower bound of the slope."),
					Parameter.number("upper", 1.0 / 3, Range.ANY, "The upper bound of the slope.")),
			List.of(Constraint.notAbove("lower", "upper")),
			(a) -> new Kernel.Elementwise(Piecewise.leaky((a.number("lower") + a.number("upper")) / 2))),

	/** Exponential linear unit. */
	ELU("elu", List.of(), "Exponential linear unit, with expm1 near zero.", "x if x > 0, else alpha * (e^x - 1)",
			"\\begin{cases} x & x > 0 \\\\ \\alpha (e^x - 1) & x \\le 0 \\end{cases}",
			List.of(Parameter.number("alpha", 1.0, Range.ANY, "The scale of the negative part.")), List.of(),
			(a) -> new Kernel.Elementwise(ExponentialLinear.elu(a.number("alpha")))),

	/** Scaled exponential linear unit. */
	SELU("selu", List.of(),
			"Scaled ELU with PyTorch's constants scale = 1.0507009873554804934193349852946 and alpha = 1.6732632423543772848170429916717.",
			"scale * (x if x > 0, else alpha * (e^x - 1))",
			"\\lambda \\begin{cases} x & x > 0 \\\\ \\alpha (e^x - 1) & x \\le 0 \\end{cases}", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(ExponentialLinear.SELU)),

	/** Continuously differentiable ELU. */
	CELU("celu", List.of(), "Continuously differentiable ELU.", "max(0, x) + min(0, alpha * (e^(x/alpha) - 1))",
			"\\max(0, x) + \\min(0, \\alpha (e^{x/\\alpha} - 1))",
			List.of(Parameter.number("alpha", 1.0, Range.NON_ZERO, "The scale of the negative part; not 0.")),
			List.of(), (a) -> new Kernel.Elementwise(ExponentialLinear.celu(a.number("alpha")))),

	/** Gaussian error linear unit. */
	GELU("gelu", List.of(), "Gaussian error linear unit, exact in the left tail through erfc.",
			"x * Phi(x), or with approximate=tanh: x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))",
			"x \\Phi(x) = \\frac{x}{2} \\operatorname{erfc}\\left(-\\frac{x}{\\sqrt{2}}\\right)",
			List.of(Parameter.choice("approximate", "none", List.of("none", "tanh"),
					"none for the exact x * Phi(x); tanh for the tanh approximation.")),
			List.of(),
			(a) -> new Kernel.Elementwise("tanh".equals(a.choice("approximate")) ? Gaussian.GELU_TANH : Gaussian.GELU)),

	/** Sigmoid linear unit, also called swish. */
	SILU("silu", List.of("swish"), "Sigmoid linear unit (swish).", "x * sigmoid(x)", "x \\sigma(x)", List.of(),
			List.of(), (a) -> new Kernel.Elementwise(Logistic.SILU)),

	/** Mish. */
	MISH("mish", List.of(), "Mish.", "x * tanh(softplus(x))", "x \\tanh(\\ln(1 + e^x))", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Hyperbolic.MISH)),

	/** Softplus. */
	SOFTPLUS("softplus", List.of(),
			"Softplus, exact everywhere by default; with threshold, linear where beta * x > threshold as in PyTorch.",
			"(1/beta) * log(1 + e^(beta * x))", "\\frac{1}{\\beta} \\ln(1 + e^{\\beta x})",
			List.of(Parameter.number("beta", 1.0, Range.POSITIVE, "The sharpness of the curve."),
					Parameter.number("threshold", null, Range.ANY,
							"If given, x is returned where beta * x > threshold; absent by default.")),
			List.of(), (a) -> new Kernel.Elementwise(Logistic.softplus(a.number("beta"), a.numberOrNaN("threshold")))),

	/** Softsign. */
	SOFTSIGN("softsign", List.of("soft_sign"), "Softsign.", "x / (1 + |x|)", "\\frac{x}{1 + |x|}", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Hyperbolic.SOFTSIGN)),

	/** Hard tanh: a clamp. */
	HARDTANH("hardtanh", List.of("hard_tanh"), "Hard tanh: x clamped to [min_val, max_val].",
			"clamp(x, min_val, max_val)", "\\min(\\max(x, a), b)",
			List.of(Parameter.number("min_val", -1.0, Range.ANY, "The lower bound."),
					Parameter.number("max_val", 1.0, Range.ANY, "The upper bound.")),
			List.of(Constraint.notAbove("min_val", "max_val")),
			(a) -> new Kernel.Elementwise(Piecewise.hardtanh(a.number("min_val"), a.number("max_val")))),

	/** Hard sigmoid, as in PyTorch and Keras 3. */
	HARDSIGMOID("hardsigmoid", List.of("hard_sigmoid"), "Hard sigmoid, the PyTorch and Keras 3 definition.",
			"clamp(x/6 + 1/2, 0, 1)", "\\min(\\max(\\tfrac{x}{6} + \\tfrac{1}{2}, 0), 1)", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.HARDSIGMOID)),

	/** Hard swish. */
	HARDSWISH("hardswish", List.of("hard_swish"), "Hard swish.", "x * hardsigmoid(x)",
			"x \\min(\\max(\\tfrac{x}{6} + \\tfrac{1}{2}, 0), 1)", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.HARDSWISH)),

	/** Hard shrinkage. */
	HARDSHRINK("hardshrink", List.of(), "Hard shrinkage.", "x if |x| > lambda, else 0",
			"\\begin{cases} x & |x| > \\lambda \\\\ 0 & \\text{otherwise} \\end{cases}",
			List.of(Parameter.number("lambda", 0.5, Range.NON_NEGATIVE, "The cut-off.")), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.hardshrink(a.number("lambda")))),

	/** Soft shrinkage. */
	SOFTSHRINK("softshrink", List.of(), "Soft shrinkage.",
			"x - lambda if x > lambda; x + lambda if x < -lambda; else 0",
			"\\begin{cases} x - \\lambda & x > \\lambda \\\\ x + \\lambda & x < -\\lambda \\\\ 0 & \\text{otherwise} \\end{cases}",
			List.of(Parameter.number("lambda", 0.5, Range.NON_NEGATIVE, "The cut-off.")), List.of(),
			(a) -> new Kernel.Elementwise(Piecewise.softshrink(a.number("lambda")))),

	/** Tanh shrinkage. */
	TANHSHRINK("tanhshrink", List.of(), "Tanh shrinkage, without cancellation for tiny x.", "x - tanh x",
			"x - \\tanh x", List.of(), List.of(), (a) -> new Kernel.Elementwise(Hyperbolic.TANHSHRINK)),

	/** Threshold. */
	THRESHOLD("threshold", List.of(), "Threshold.", "x if x > threshold, else value",
			"\\begin{cases} x & x > \\theta \\\\ v & \\text{otherwise} \\end{cases}",
			List.of(Parameter.number("threshold", 0.0, Range.ANY, "The cut-off."),
					Parameter.number("value", 0.0, Range.ANY, "The replacement at or below the cut-off.")),
			List.of(), (a) -> new Kernel.Elementwise(Piecewise.threshold(a.number("threshold"), a.number("value")))),

	/** Log of the sigmoid. */
	LOGSIGMOID("logsigmoid", List.of("log_sigmoid"), "Log of the sigmoid.", "log(1 / (1 + e^-x))",
			"\\ln \\sigma(x) = -\\ln(1 + e^{-x})", List.of(), List.of(),
			(a) -> new Kernel.Elementwise(Logistic.LOGSIGMOID)),

	/** Log of the softmax. */
	LOG_SOFTMAX("log_softmax", List.of(), "Log of the softmax, exact when one term dominates the sum.",
			"(x_i - m)/T - log sum_j e^((x_j - m)/T), m = max_j x_j",
			"\\frac{x_i - m}{T} - \\ln \\sum_j e^{(x_j - m)/T}", List.of(Parameter.axis(), temperature()), List.of(),
			(a) -> new Kernel.AlongAxis(AxisKernels.logSoftmax(a.number("temperature")), a.axis())),

	/** Softmin. */
	SOFTMIN("softmin", List.of(), "Softmin: the softmax of -x.", "softmax(-x)",
			"\\frac{e^{-(x_i - m)/T}}{\\sum_j e^{-(x_j - m)/T}},\\ m = \\min_j x_j",
			List.of(Parameter.axis(), temperature()), List.of(),
			(a) -> new Kernel.AlongAxis(AxisKernels.softmin(a.number("temperature")), a.axis())),

	/** Gated linear unit. */
	GLU("glu", List.of(), "Gated linear unit: the axis is split in halves a and b; its length must be even.",
			"a * sigmoid(b), where x = [a, b] along the axis", "a \\otimes \\sigma(b),\\ x = [a; b]",
			List.of(Parameter.axis()), List.of(), (a) -> new Kernel.AlongAxis(AxisKernels.glu(), a.axis())),

	/** Sparsemax. */
	SPARSEMAX("sparsemax", List.of(),
			"Sparsemax: the Euclidean projection onto the probability simplex (Martins and Astudillo, 2016).",
			"max(x_i - tau, 0), with tau such that the outputs sum to 1",
			"\\mathrm{sparsemax}(x) = \\arg\\min_{p \\in \\Delta} \\lVert p - x \\rVert^2", List.of(Parameter.axis()),
			List.of(), (a) -> new Kernel.AlongAxis(AxisKernels.sparsemax(), a.axis()));

	private final String canonicalName;

	private final List<String> aliases;

	private final String summary;

	private final String formula;

	private final String latex;

	private final List<Parameter> parameters;

	private final List<Constraint> constraints;

	private final Function<Arguments, Kernel> binder;

	Activation(String canonicalName, List<String> aliases, String summary, String formula, String latex,
			List<Parameter> parameters, List<Constraint> constraints, Function<Arguments, Kernel> binder) {
		this.canonicalName = canonicalName;
		this.aliases = aliases;
		this.summary = summary;
		this.formula = formula;
		this.latex = latex;
		this.parameters = parameters;
		this.constraints = constraints;
		this.binder = binder;
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
	 * Tells whether the function is applied along an axis rather than element by element.
	 * @return {@code true} for the softmax family, GLU and sparsemax
	 */
	public boolean alongAxis() {
		return this.parameters.stream().anyMatch((p) -> p.type() == Parameter.Type.AXIS);
	}

	/**
	 * Returns a small input that shows what the function does at its default parameters,
	 * as documented in the OpenAPI operations. One rule for the whole catalog, driven by
	 * {@link #alongAxis()}: an elementwise function gets a vector that crosses every kink
	 * and cut-off of the catalog (0; ±0.25, inside the shrink cut-offs; ±1, the hardtanh
	 * clamps; ±8, past the relu6 cap and the hard sigmoid's saturation); a function along
	 * an axis gets a 2 × 4 matrix: two lanes of even length, as GLU needs, that sparsemax
	 * makes sparse.
	 * @return a new tensor
	 */
	public Tensor example() {
		if (alongAxis()) {
			return new Tensor(new double[] { 1, 2, 3, 4, 0.1, 0.9, 0.4, 1.2 }, new int[] { 2, 4 });
		}
		return new Tensor(new double[] { -8, -1, -0.25, 0, 0.25, 1, 8 }, new int[] { 7 });
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
