package ai.activation.kernel;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Kernel;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static ai.activation.kernel.Reference.ONE;
import static ai.activation.kernel.Reference.ZERO;
import static ai.activation.kernel.Reference.ap;
import static ai.activation.kernel.Reference.bd;
import static ai.activation.kernel.Reference.round;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares every kernel with high-precision references computed here with apfloat (60
 * digits), over a grid covering the whole double range, and asserts the worst error in
 * ulps of the correctly rounded reference against an explicit budget per function and
 * parameter set. Writes the measured table to {@code target/accuracy-report.md} (pasted
 * into {@code docs/accuracy.md}).
 */
class KernelAccuracyTests {

	/** Worst-case ulp budgets; piecewise-linear functions must be exact (0). */
	private static final Map<String, Double> BUDGET = new LinkedHashMap<>();

	/** Measured statistics, in test order. */
	private static final Map<String, Stats> REPORT = Collections.synchronizedMap(new LinkedHashMap<>());

	/** Measured statistics of the derivatives and vector-Jacobian products. */
	private static final Map<String, Stats> GRADIENTS = Collections.synchronizedMap(new LinkedHashMap<>());

	private static final double[] GRID = scalarGrid(4);

	static Stream<Arguments> scalarCases() {
		List<Arguments> cases = new ArrayList<>();
		// piecewise linear: exact
		cases.add(exact("step", Piecewise.STEP, (x) -> (x > 0) ? 1.0 : 0.0));
		cases.add(exact("identity", Piecewise.IDENTITY, (x) -> x));
		cases.add(exact("relu", Piecewise.RELU, (x) -> (x > 0) ? x : 0.0));
		cases.add(exact("relu6", Piecewise.RELU6, (x) -> (x > 6) ? 6.0 : (x > 0) ? x : 0.0));
		for (double slope : new double[] { 0.01, 0.2, 0.25, (1.0 / 8 + 1.0 / 3) / 2 }) {
			cases.add(exact("leaky_relu slope=" + slope, Piecewise.leaky(slope),
					(x) -> (x > 0) ? x : round(bd(slope).multiply(bd(x)))));
		}
		cases.add(exact("hardtanh (-1, 1)", Piecewise.hardtanh(-1, 1), (x) -> Math.min(Math.max(x, -1), 1)));
		cases.add(exact("hardtanh (-2, 3)", Piecewise.hardtanh(-2, 3), (x) -> (x < -2) ? -2 : (x > 3) ? 3 : x));
		for (double lambda : new double[] { 0.5, 0 }) {
			cases.add(exact("hardshrink lambda=" + lambda, Piecewise.hardshrink(lambda),
					(x) -> (x > lambda || x < -lambda) ? x : 0.0));
			cases.add(exact("softshrink lambda=" + lambda, Piecewise.softshrink(lambda), (x) -> (x > lambda)
					? round(bd(x).subtract(bd(lambda))) : (x < -lambda) ? round(bd(x).add(bd(lambda))) : 0.0));
		}
		cases.add(exact("threshold (0, 0)", Piecewise.threshold(0, 0), (x) -> (x > 0) ? x : 0.0));
		cases.add(exact("threshold (1, -5)", Piecewise.threshold(1, -5), (x) -> (x > 1) ? x : -5.0));
		// smooth
		cases.add(smooth("sigmoid", 2, Logistic.SIGMOID, KernelAccuracyTests::sigmoid));
		cases.add(smooth("tanh", 2, Hyperbolic.TANH, KernelAccuracyTests::tanh));
		cases.add(smooth("softsign", 2, Hyperbolic.SOFTSIGN,
				(x) -> round(ap(x).divide(ONE.add(ApfloatMath.abs(ap(x)))))));
		cases.add(smooth("hardsigmoid", 1, Piecewise.HARDSIGMOID,
				(x) -> (x <= -3) ? 0.0 : (x >= 3) ? 1.0 : round(ap(x).divide(new Apfloat(6)).add(ap(0.5)))));
		cases.add(smooth("hardswish", 2, Piecewise.HARDSWISH, (x) -> (x <= -3) ? 0.0
				: (x >= 3) ? x : round(ap(x).multiply(ap(x).add(new Apfloat(3))).divide(new Apfloat(6)))));
		cases.add(smooth("tanhshrink", 2, Hyperbolic.TANHSHRINK, KernelAccuracyTests::tanhshrink));
		cases.add(smooth("logsigmoid", 2, Logistic.LOGSIGMOID, KernelAccuracyTests::logsigmoid));
		cases.add(smooth("silu", 3, Logistic.SILU, KernelAccuracyTests::silu));
		cases.add(smooth("mish", 3, Hyperbolic.MISH, KernelAccuracyTests::mish));
		cases.add(smooth("gelu", 3, Gaussian.GELU, KernelAccuracyTests::gelu));
		cases.add(smooth("gelu approximate=tanh", 3, Gaussian.GELU_TANH, KernelAccuracyTests::geluTanh));
		cases.add(smooth("selu", 2, ExponentialLinear.SELU, KernelAccuracyTests::selu));
		for (double alpha : new double[] { 1, 0.5 }) {
			cases.add(smooth("elu alpha=" + alpha, 2, ExponentialLinear.elu(alpha), (x) -> celu(x, alpha, false)));
		}
		for (double alpha : new double[] { 1, 0.5, -2 }) {
			cases.add(smooth("celu alpha=" + alpha, 3, ExponentialLinear.celu(alpha), (x) -> celu(x, alpha, true)));
		}
		for (double beta : new double[] { 1, 2, 0.5 }) {
			cases.add(smooth("softplus beta=" + beta, 3, Logistic.softplus(beta, Double.NaN),
					(x) -> softplus(x, beta, Double.NaN)));
			cases.add(smooth("softplus beta=" + beta + " threshold=20", 3, Logistic.softplus(beta, 20),
					(x) -> softplus(x, beta, 20)));
		}
		// the functions of Keras, JAX and ONNX beyond PyTorch's
		cases.add(smooth("exponential", 1, Exponential.EXPONENTIAL, KernelAccuracyTests::exponential));
		for (double b : new double[] { 4, 1, 0, 1e-300, 1e300 }) {
			cases.add(smooth("squareplus b=" + b, 3, Algebraic.squareplus(b), (x) -> squareplus(x, b)));
		}
		cases.add(smooth("sparse_plus", 1, Piecewise.SPARSE_PLUS, (x) -> (x <= -1) ? 0.0
				: (x >= 1) ? x : round(bd(x).add(BigDecimal.ONE).pow(2).divide(BigDecimal.valueOf(4)))));
		cases.add(exact("sparse_sigmoid", Piecewise.SPARSE_SIGMOID, (x) -> (x <= -1) ? 0.0
				: (x >= 1) ? 1.0 : round(bd(x).add(BigDecimal.ONE).divide(BigDecimal.valueOf(2)))));
		for (double alpha : new double[] { 1, 0, -2.5 }) {
			cases.add(exact("thresholded_relu alpha=" + alpha, Piecewise.thresholdedRelu(alpha),
					(x) -> (x > alpha) ? x : 0.0));
		}
		for (double[] lb : new double[][] { { 0.5, 0 }, { 0.5, 0.5 }, { 2, -1 }, { -1, 0.25 } }) {
			cases.add(exact("shrink lambd=" + lb[0] + " bias=" + lb[1], Piecewise.shrink(lb[0], lb[1]),
					(x) -> (x < -lb[0]) ? round(bd(x).add(bd(lb[1])))
							: (x > lb[0]) ? round(bd(x).subtract(bd(lb[1]))) : 0.0));
		}
		cases.add(exact("relu_squared", Piecewise.RELU_SQUARED, (x) -> (x > 0) ? round(bd(x).pow(2)) : 0.0));
		for (double a : new double[] { 1, 0.5, 3 }) {
			cases.add(smooth("snake a=" + a, 4, Periodic.snake(a), (x) -> snake(x, a)));
		}
		// parameters of Keras, TensorFlow and ONNX on PyTorch's functions
		for (double[] p : RELU_PARAMETERS) {
			cases.add(smooth("relu negative_slope=" + p[0] + " max_value=" + p[1] + " threshold=" + p[2], 1,
					Piecewise.relu(p[0], p[1], p[2]), (x) -> kerasRelu(x, p[0], p[1], p[2])));
		}
		for (double beta : new double[] { 2, 0.5, -1 }) {
			cases.add(smooth("silu beta=" + beta, 3, Logistic.silu(beta), (x) -> silu(x, beta)));
		}
		for (double[] ab : new double[][] { { 0.2, 0.5 }, { -0.25, 0.1 } }) {
			cases.add(exact("hardsigmoid alpha=" + ab[0] + " beta=" + ab[1], Piecewise.hardsigmoid(ab[0], ab[1]),
					(x) -> round(bd(ab[0]).multiply(bd(x)).add(bd(ab[1])).max(BigDecimal.ZERO).min(BigDecimal.ONE))));
		}
		for (double[] ag : SELU_PARAMETERS) {
			cases.add(smooth("selu alpha=" + ag[0] + " gamma=" + ag[1], 2, ExponentialLinear.selu(ag[0], ag[1]),
					(x) -> selu(x, ag[0], ag[1])));
		}
		// bound through the catalog, as the service binds them
		cases.add(exact("prelu weight=0.25", bound(Activation.PRELU, Map.of("weight", 0.25)),
				(x) -> (x > 0) ? x : round(bd(0.25).multiply(bd(x)))));
		double rrelu = (1.0 / 8 + 1.0 / 3) / 2;
		cases
			.add(exact("rrelu lower=1/8 upper=1/3", bound(Activation.RRELU, Map.of("lower", 1.0 / 8, "upper", 1.0 / 3)),
					(x) -> (x > 0) ? x : round(bd(rrelu).multiply(bd(x)))));
		return cases.stream();
	}

	/** The scalar kernel the catalog binds for the given arguments. */
	static ScalarFunction bound(Activation function, Map<String, Object> arguments) {
		return ((Kernel.Elementwise) function.bind(new ai.activation.catalog.Arguments(arguments))).function();
	}

	/**
	 * The derivative cases: every elementwise catalog function and parameter set of
	 * {@link #scalarCases()}, against {@link GradientReference}. Budgets: 0 (exact) for
	 * the piecewise-linear ones, at most 4 ulp for the smooth ones.
	 */
	static Stream<Arguments> gradientCases() {
		List<Arguments> cases = new ArrayList<>();
		cases.add(exact("step", Piecewise.STEP, (x) -> 0.0));
		cases.add(exact("identity", Piecewise.IDENTITY, (x) -> 1.0));
		cases.add(exact("relu", Piecewise.RELU, (x) -> (x > 0) ? 1.0 : 0.0));
		cases.add(exact("relu6", Piecewise.RELU6, (x) -> (x > 0 && x < 6) ? 1.0 : 0.0));
		for (double slope : new double[] { 0.01, 0.2, -3 }) {
			cases.add(exact("leaky_relu slope=" + slope, Piecewise.leaky(slope), (x) -> (x > 0) ? 1.0 : slope));
		}
		cases.add(exact("prelu weight=0.25", bound(Activation.PRELU, Map.of("weight", 0.25)),
				(x) -> (x > 0) ? 1.0 : 0.25));
		double rrelu = (1.0 / 8 + 1.0 / 3) / 2;
		cases.add(exact("rrelu lower=1/8 upper=1/3",
				bound(Activation.RRELU, Map.of("lower", 1.0 / 8, "upper", 1.0 / 3)), (x) -> (x > 0) ? 1.0 : rrelu));
		cases.add(exact("hardtanh (-1, 1)", Piecewise.hardtanh(-1, 1), (x) -> (x > -1 && x < 1) ? 1.0 : 0.0));
		cases.add(exact("hardtanh (-2, 3)", Piecewise.hardtanh(-2, 3), (x) -> (x > -2 && x < 3) ? 1.0 : 0.0));
		for (double lambda : new double[] { 0.5, 0 }) {
			cases.add(exact("hardshrink lambda=" + lambda, Piecewise.hardshrink(lambda),
					(x) -> (x > lambda || x < -lambda) ? 1.0 : 0.0));
			cases.add(exact("softshrink lambda=" + lambda, Piecewise.softshrink(lambda),
					(x) -> (x > lambda || x < -lambda) ? 1.0 : 0.0));
		}
		cases.add(exact("threshold (0, 0)", Piecewise.threshold(0, 0), (x) -> (x > 0) ? 1.0 : 0.0));
		cases.add(exact("threshold (1, -5)", Piecewise.threshold(1, -5), (x) -> (x > 1) ? 1.0 : 0.0));
		cases.add(exact("hardsigmoid", Piecewise.HARDSIGMOID, (x) -> (x > -3 && x < 3)
				? round(new Apfloat(1, Reference.DIGITS).divide(new Apfloat(6, Reference.DIGITS))) : 0.0));
		cases.add(smooth("hardswish", 1, Piecewise.HARDSWISH, GradientReference::hardswish));
		cases.add(smooth("sigmoid", 4, Logistic.SIGMOID, GradientReference::sigmoid));
		cases.add(smooth("tanh", 4, Hyperbolic.TANH, GradientReference::tanh));
		cases.add(smooth("softsign", 4, Hyperbolic.SOFTSIGN, GradientReference::softsign));
		cases.add(smooth("tanhshrink", 4, Hyperbolic.TANHSHRINK, GradientReference::tanhshrink));
		cases.add(smooth("logsigmoid", 4, Logistic.LOGSIGMOID, GradientReference::logsigmoid));
		cases.add(smooth("silu", 4, Logistic.SILU, GradientReference::silu));
		cases.add(smooth("mish", 4, Hyperbolic.MISH, GradientReference::mish));
		cases.add(smooth("gelu", 4, Gaussian.GELU, GradientReference::gelu));
		cases.add(smooth("gelu approximate=tanh", 4, Gaussian.GELU_TANH, GradientReference::geluTanh));
		cases.add(smooth("selu", 4, ExponentialLinear.SELU, GradientReference::selu));
		for (double alpha : new double[] { 1, 0.5 }) {
			cases.add(smooth("elu alpha=" + alpha, 4, ExponentialLinear.elu(alpha),
					(x) -> GradientReference.celu(x, alpha, false)));
		}
		for (double alpha : new double[] { 1, 0.5, -2 }) {
			cases.add(smooth("celu alpha=" + alpha, 4, ExponentialLinear.celu(alpha),
					(x) -> GradientReference.celu(x, alpha, true)));
		}
		for (double beta : new double[] { 1, 2, 0.5 }) {
			cases.add(smooth("softplus beta=" + beta, 4, Logistic.softplus(beta, Double.NaN),
					(x) -> GradientReference.softplus(x, beta, Double.NaN)));
			cases.add(smooth("softplus beta=" + beta + " threshold=20", 4, Logistic.softplus(beta, 20),
					(x) -> GradientReference.softplus(x, beta, 20)));
		}
		cases.add(smooth("exponential", 1, Exponential.EXPONENTIAL, KernelAccuracyTests::exponential));
		for (double b : new double[] { 4, 1, 0, 1e-300, 1e300 }) {
			cases.add(
					smooth("squareplus b=" + b, 4, Algebraic.squareplus(b), (x) -> GradientReference.squareplus(x, b)));
		}
		cases.add(exact("sparse_plus", Piecewise.SPARSE_PLUS, (x) -> (x <= -1) ? 0.0
				: (x >= 1) ? 1.0 : round(bd(x).add(BigDecimal.ONE).divide(BigDecimal.valueOf(2)))));
		cases.add(exact("sparse_sigmoid", Piecewise.SPARSE_SIGMOID, (x) -> (x > -1 && x < 1) ? 0.5 : 0.0));
		for (double alpha : new double[] { 1, 0, -2.5 }) {
			cases.add(exact("thresholded_relu alpha=" + alpha, Piecewise.thresholdedRelu(alpha),
					(x) -> (x > alpha) ? 1.0 : 0.0));
		}
		for (double[] lb : new double[][] { { 0.5, 0 }, { 2, -1 }, { -1, 0.25 } }) {
			cases.add(exact("shrink lambd=" + lb[0] + " bias=" + lb[1], Piecewise.shrink(lb[0], lb[1]),
					(x) -> (x < -lb[0] || x > lb[0]) ? 1.0 : 0.0));
		}
		cases.add(exact("relu_squared", Piecewise.RELU_SQUARED, (x) -> (x > 0) ? round(bd(x).multiply(bd(2))) : 0.0));
		for (double[] p : RELU_PARAMETERS) {
			cases.add(exact("relu negative_slope=" + p[0] + " max_value=" + p[1] + " threshold=" + p[2],
					Piecewise.relu(p[0], p[1], p[2]),
					(x) -> (x <= p[2]) ? p[0] : (!Double.isNaN(p[1]) && (x <= 0 || x >= p[1])) ? 0.0 : 1.0));
		}
		for (double beta : new double[] { 2, 0.5, -1 }) {
			cases.add(smooth("silu beta=" + beta, 4, Logistic.silu(beta), (x) -> GradientReference.silu(x, beta)));
		}
		for (double[] ab : new double[][] { { 0.2, 0.5 }, { -0.25, 0.1 } }) {
			cases.add(
					exact("hardsigmoid alpha=" + ab[0] + " beta=" + ab[1], Piecewise.hardsigmoid(ab[0], ab[1]), (x) -> {
						BigDecimal y = bd(ab[0]).multiply(bd(x)).add(bd(ab[1]));
						return (y.signum() > 0 && y.compareTo(BigDecimal.ONE) < 0) ? ab[0] : 0.0;
					}));
		}
		for (double[] ag : SELU_PARAMETERS) {
			cases.add(smooth("selu alpha=" + ag[0] + " gamma=" + ag[1], 4, ExponentialLinear.selu(ag[0], ag[1]),
					(x) -> GradientReference.selu(x, ag[0], ag[1])));
		}
		// snake has a test of its own below: its derivative's budget depends on |a·x|
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("gradientCases")
	void derivativeShouldStayWithinItsUlpBudgetOverTheWholeGrid(String name, double budget, ScalarFunction f,
			DoubleUnaryOperator reference) {
		// gradientAll without an upstream gradient (the derivative itself), as the
		// service
		// calls it, and derivative(x) against the same budget
		double[] bulk = new double[GRID.length];
		f.gradientAll(GRID, null, bulk);
		Stats stats = new Stats(name, budget);
		for (int i = 0; i < GRID.length; i++) {
			double x = GRID[i];
			double expected = reference.applyAsDouble(x);
			assertThat(Double.doubleToRawLongBits(f.derivative(x))).as("%s: derivative(%s) and gradientAll", name, x)
				.isEqualTo(Double.doubleToRawLongBits(bulk[i]));
			stats.add(x, bulk[i], expected);
		}
		GRADIENTS.put(name, stats);
		assertThat(stats.outOfRangeMismatch)
			.as("%s: out-of-range derivatives not answered with the right infinity", name)
			.isEmpty();
		assertThat(stats.max)
			.as("%s: worst ulp error of the derivative (at x = %s, got %s, expected %s)", name, stats.worstX,
					stats.worstGot, stats.worstExpected)
			.isLessThanOrEqualTo(budget);
	}

	/** The axis functions the value tests below cover, by catalog name. */
	static final List<String> AXIS_VALUE_CASES = List.of("softmax", "softmin", "log_softmax", "glu", "sparsemax",
			"hardmax", "reglu", "logsumexp", "logmeanexp", "standardize", "crelu", "swiglu", "geglu", "entmax15",
			"entmax");

	/**
	 * The α of the entmax cases besides 1 (softmax) and 1.5 (entmax15): near softmax (1 +
	 * 2^−7, 1/β = 128), between softmax and sparsemax, sparsemax itself (2, delegated)
	 * and sparser (3, 5); dyadic, so that {@link EntmaxReference} takes the power 1/β as
	 * an exact rational one.
	 */
	static final double[] ENTMAX_ALPHAS = { 1.0078125, 1.125, 1.25, 1.75, 2, 3, 5 };

	static Stream<Arguments> vjpCases() {
		List<Arguments> cases = new ArrayList<>();
		for (double t : new double[] { 1, 0.5, 3 }) {
			cases.add(Arguments.of("softmax T=" + t, 4.0, AxisKernels.softmax(t),
					(VjpReference) (row, g) -> GradientReference.softmaxVjp(row, g, t, false, false)));
			cases.add(Arguments.of("softmin T=" + t, 4.0, AxisKernels.softmin(t),
					(VjpReference) (row, g) -> GradientReference.softmaxVjp(row, g, t, true, false)));
			cases.add(Arguments.of("log_softmax T=" + t, 4.0, AxisKernels.logSoftmax(t),
					(VjpReference) (row, g) -> GradientReference.softmaxVjp(row, g, t, false, true)));
		}
		cases.add(Arguments.of("glu", 4.0, AxisKernels.glu(), (VjpReference) GradientReference::gluVjp));
		cases.add(Arguments.of("sparsemax", 1.0, AxisKernels.sparsemax(),
				(VjpReference) GradientReference::sparsemaxVjp));
		cases.add(Arguments.of("entmax15", ENTMAX_VJP_BUDGET, Entmax.entmax15(),
				(VjpReference) (row, g) -> EntmaxReference.vjp(row, g, 1.5)));
		cases.add(Arguments.of("entmax alpha=1.0", 4.0, Entmax.entmax(1),
				(VjpReference) (row, g) -> GradientReference.softmaxVjp(row, g, 1, false, false)));
		for (double alpha : ENTMAX_ALPHAS) {
			cases.add(Arguments.of("entmax alpha=" + alpha, ENTMAX_VJP_BUDGET, Entmax.entmax(alpha),
					(VjpReference) (row, g) -> EntmaxReference.vjp(row, g, alpha)));
		}
		cases
			.add(Arguments.of("hardmax", 0.0, GatedUnits.hardmax(), (VjpReference) (row, g) -> new double[row.length]));
		cases.add(Arguments.of("reglu", 0.5, GatedUnits.reglu(), (VjpReference) KernelAccuracyTests::regluVjp));
		cases.add(Arguments.of("logsumexp", 3.0, LogSumExp.logsumexp(false),
				(VjpReference) KernelAccuracyTests::logsumexpVjp));
		cases.add(Arguments.of("logmeanexp", 3.0, LogSumExp.logmeanexp(true),
				(VjpReference) KernelAccuracyTests::logsumexpVjp));
		for (double epsilon : new double[] { 1e-5, 1 }) {
			cases.add(Arguments.of("standardize epsilon=" + epsilon, 4.0, Standardization.standardize(epsilon),
					(VjpReference) (row, g) -> standardizeVjp(row, g, epsilon)));
		}
		cases.add(Arguments.of("crelu", 0.0, GatedUnits.crelu(), (VjpReference) KernelAccuracyTests::creluVjp));
		cases.add(Arguments.of("swiglu alpha=1", 5.0, GatedUnits.swiglu(1),
				(VjpReference) (row, g) -> gatedVjp(row, g, (a) -> silu(a, 1), (a) -> GradientReference.silu(a, 1))));
		cases.add(Arguments.of("swiglu alpha=2", 5.0, GatedUnits.swiglu(2),
				(VjpReference) (row, g) -> gatedVjp(row, g, (a) -> silu(a, 2), (a) -> GradientReference.silu(a, 2))));
		cases.add(Arguments.of("geglu", 5.0, GatedUnits.geglu(false),
				(VjpReference) (row, g) -> gatedVjp(row, g, KernelAccuracyTests::gelu, GradientReference::gelu)));
		return cases.stream();
	}

	/** A reference vector-Jacobian product of one lane. */
	interface VjpReference {

		double[] of(double[] row, double[] grad);

	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vjpCases")
	void vectorJacobianProductShouldStayWithinItsUlpBudgetOnEveryRow(String name, double budget, AxisFunction f,
			VjpReference reference) {
		Stats stats = new Stats(name, budget);
		for (double[] base : rows()) {
			SplittableRandom random = new SplittableRandom(base.length * 31L + 7);
			double[] row = base;
			if (f.lengthMultiple() == 2) {
				// GLU: grid values as a, the row as the gate b
				row = new double[2 * base.length];
				for (int i = 0; i < base.length; i++) {
					row[i] = GRID[random.nextInt(GRID.length)];
					row[base.length + i] = base[i];
				}
			}
			double[] grad = new double[f.outputLength(row.length)];
			for (int i = 0; i < grad.length; i++) {
				grad[i] = random.nextDouble(-1, 1) * ((random.nextInt(8) == 0) ? 1e300 : 1);
			}
			double[] out = new double[row.length];
			f.vjp(row, grad, new Lanes(1, row.length, 1), out);
			double[] expected = reference.of(row, grad);
			// standardize: where the true product cancels below 2^−90 of the lane's
			// largest component (a structural zero, e.g. the outlier of [a, c, c, c]), an
			// absolute budget of that size instead of ulps
			double scale = 0;
			for (double e : expected) {
				scale = Math.max(scale, Double.isFinite(e) ? Math.abs(e) : 0);
			}
			for (int i = 0; i < row.length; i++) {
				if (name.startsWith("standardize") && Math.abs(expected[i]) < 0x1p-90 * scale) {
					assertThat(Math.abs(out[i] - expected[i])).as("%s at %s of %s", name, i, Arrays.toString(row))
						.isLessThanOrEqualTo(0x1p-90 * scale);
					continue;
				}
				stats.add(row[i], out[i], expected[i]);
			}
		}
		GRADIENTS.put(name, stats);
		assertThat(stats.outOfRangeMismatch).as(name).isEmpty();
		assertThat(stats.max)
			.as("%s: worst ulp error (at x = %s, got %s, expected %s)", name, stats.worstX, stats.worstGot,
					stats.worstExpected)
			.isLessThanOrEqualTo(budget);
	}

	/**
	 * The functions defined for x &gt; 0 only, with their value and derivative
	 * references.
	 */
	static Stream<Arguments> positiveDomainCases() {
		return Stream.of(Arguments.of("log1mexp", 3.0, 2.0, Exponential.LOG1MEXP,
				(DoubleUnaryOperator) KernelAccuracyTests::log1mexp,
				(DoubleUnaryOperator) GradientReference::log1mexp));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("positiveDomainCases")
	void functionOfThePositiveHalfLineShouldStayWithinItsUlpBudgetsThereAndNotBeFiniteElsewhere(String name,
			double valueBudget, double gradientBudget, ScalarFunction f, DoubleUnaryOperator value,
			DoubleUnaryOperator derivative) {
		double[] positive = Arrays.stream(GRID).filter((x) -> x > 0).toArray();
		double[] bulk = new double[positive.length];
		f.applyAll(positive, bulk);
		double[] slopes = new double[positive.length];
		f.gradientAll(positive, null, slopes);
		Stats values = new Stats(name + " (x > 0)", valueBudget);
		Stats gradients = new Stats(name + " (x > 0)", gradientBudget);
		// applyAll may take a vector path (log1mexp's lanewise EXPM1, LOG, EXP, LOG1P):
		// it and value(x) are each held to the budget
		Stats scalar = new Stats(name + " (x > 0) value(x)", valueBudget);
		for (int i = 0; i < positive.length; i++) {
			double x = positive[i];
			double expected = value.applyAsDouble(x);
			values.add(x, bulk[i], expected);
			scalar.add(x, f.value(x), expected);
			gradients.add(x, slopes[i], derivative.applyAsDouble(x));
		}
		REPORT.put(scalar.name, scalar);
		assertThat(scalar.max)
			.as("%s: worst ulp error of value(x) (at x = %s, got %s, expected %s)", name, scalar.worstX,
					scalar.worstGot, scalar.worstExpected)
			.isLessThanOrEqualTo(valueBudget);
		REPORT.put(name + " (x > 0)", values);
		GRADIENTS.put(name + " (x > 0)", gradients);
		assertThat(values.outOfRangeMismatch).as(name).isEmpty();
		assertThat(values.max)
			.as("%s: worst ulp error (at x = %s, got %s, expected %s)", name, values.worstX, values.worstGot,
					values.worstExpected)
			.isLessThanOrEqualTo(valueBudget);
		assertThat(gradients.outOfRangeMismatch).as(name).isEmpty();
		assertThat(gradients.max)
			.as("%s: worst ulp error of the derivative (at x = %s, got %s, expected %s)", name, gradients.worstX,
					gradients.worstGot, gradients.worstExpected)
			.isLessThanOrEqualTo(gradientBudget);
		// at 0 and below, neither is a finite double, so the service answers 422
		for (double x : Arrays.stream(GRID).filter((x) -> x <= 0).toArray()) {
			assertThat(f.value(x)).as("%s(%s)", name, x).matches((y) -> !Double.isFinite(y));
			assertThat(f.derivative(x)).as("%s'(%s)", name, x).matches((y) -> !Double.isFinite(y));
		}
	}

	/**
	 * snake′ = 1 + sin(2a·x): within 4 ulp where |a·x| &lt; 2^52, where the phase a·x +
	 * π/4 is a double-double; above, within 1e−15 absolute, as (sin(a·x) + cos(a·x))²
	 * loses relative accuracy where it nears 0 (those x are at least 2^52/a apart from 0,
	 * and the derivative is periodic noise at their spacing). a = 1 and 1/2 never make
	 * a·x overflow.
	 */
	@ParameterizedTest(name = "snake a={0}")
	@org.junit.jupiter.params.provider.ValueSource(doubles = { 1, 0.5 })
	void snakeDerivativeShouldStayWithinItsBudgets(double a) {
		ScalarFunction snake = Periodic.snake(a);
		double[] bulk = new double[GRID.length];
		snake.gradientAll(GRID, null, bulk);
		Stats near = new Stats("snake a=" + a, 4);
		double worstFar = 0;
		for (int i = 0; i < GRID.length; i++) {
			double x = GRID[i];
			double expected = GradientReference.snake(x, a);
			assertThat(Double.doubleToRawLongBits(snake.derivative(x))).as("derivative(%s) and gradientAll", x)
				.isEqualTo(Double.doubleToRawLongBits(bulk[i]));
			if (Math.abs(a * x) < 0x1p52) {
				near.add(x, bulk[i], expected);
			}
			else {
				worstFar = Math.max(worstFar, Math.abs(bulk[i] - expected));
			}
		}
		GRADIENTS.put("snake a=" + a + " (|a x| < 2^52)", near);
		assertThat(near.max)
			.as("worst ulp error (at x = %s, got %s, expected %s)", near.worstX, near.worstGot, near.worstExpected)
			.isLessThanOrEqualTo(4);
		assertThat(worstFar).as("worst absolute error for |a x| >= 2^52").isLessThanOrEqualTo(1e-15);
	}

	/**
	 * snake's values where they are hardest, densely: for x &lt; 0, x + sin²(a·x)/a
	 * cancels, most near a·x = −1.17 (the sine's error is amplified 2.6 times there), and
	 * the grid has few points in [−3/a, 0]. 3,000 evenly spaced points there and 1,000
	 * random ones in [−10, 10], through applyAll (the vector path) and value(x), both to
	 * the grid's budget of 4 ulp.
	 */
	@ParameterizedTest(name = "snake a={0}")
	@org.junit.jupiter.params.provider.ValueSource(doubles = { 1, 0.5, 3 })
	void snakeShouldStayWithinItsBudgetWhereItCancels(double a) {
		ScalarFunction snake = Periodic.snake(a);
		SplittableRandom random = new SplittableRandom(7);
		double[] xs = new double[4000];
		for (int i = 0; i < 3000; i++) {
			xs[i] = -3.0 / a * (i + random.nextDouble()) / 3000;
		}
		for (int i = 3000; i < xs.length; i++) {
			xs[i] = random.nextDouble(-10, 10);
		}
		double[] bulk = new double[xs.length];
		snake.applyAll(xs, bulk);
		Stats stats = new Stats("snake a=" + a + " (dense where it cancels)", 4);
		Stats scalar = new Stats("snake a=" + a + " (dense where it cancels) value(x)", 4);
		for (int i = 0; i < xs.length; i++) {
			double expected = snake(xs[i], a);
			stats.add(xs[i], bulk[i], expected);
			scalar.add(xs[i], snake.value(xs[i]), expected);
		}
		REPORT.put(stats.name, stats);
		REPORT.put(scalar.name, scalar);
		assertThat(stats.max)
			.as("worst ulp error (at x = %s, got %s, expected %s)", stats.worstX, stats.worstGot, stats.worstExpected)
			.isLessThanOrEqualTo(4);
		assertThat(scalar.max)
			.as("value(x): worst ulp error (at x = %s, got %s, expected %s)", scalar.worstX, scalar.worstGot,
					scalar.worstExpected)
			.isLessThanOrEqualTo(4);
	}

	@Test
	void snakeWherePhaseOverflowsShouldAnswerXAndADerivativeThatIsNotFinite() {
		ScalarFunction snake = Periodic.snake(3);
		for (double x : new double[] { Double.MAX_VALUE, -1e308, 6e307 }) {
			assertThat(snake.value(x)).isEqualTo(x);
			assertThat(snake.derivative(x)).isNaN();
		}
	}

	@Test
	void everyCatalogFunctionShouldHaveAValueAndAGradientAccuracyCase() {
		Set<String> values = new TreeSet<>(AXIS_VALUE_CASES);
		positiveDomainCases().forEach((a) -> values.add(catalogName(a)));
		scalarCases().forEach((a) -> values.add(catalogName(a)));
		Set<String> gradients = new TreeSet<>();
		Stream.concat(Stream.concat(gradientCases(), vjpCases()), positiveDomainCases())
			.forEach((a) -> gradients.add(catalogName(a)));
		gradients.add("snake"); // snakeDerivativeShouldStayWithinItsBudgets
		values.add("softmax2d"); // softmax2dShouldStayWithinTheSoftmaxBudgetOverTheChannelsOfEveryPixel
		gradients.add("softmax2d");
		for (Activation function : Activation.values()) {
			assertThat(values).as("value accuracy cases").contains(function.canonicalName());
			assertThat(gradients).as("gradient accuracy cases").contains(function.canonicalName());
		}
	}

	/** The catalog name a case covers: the first word of its name. */
	private static String catalogName(Arguments arguments) {
		return ((String) arguments.get()[0]).split(" ")[0];
	}

	private static Arguments exact(String name, ScalarFunction f, DoubleUnaryOperator reference) {
		return Arguments.of(name, 0.0, f, reference);
	}

	private static Arguments smooth(String name, double budget, ScalarFunction f, DoubleUnaryOperator reference) {
		return Arguments.of(name, budget, f, reference);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scalarCases")
	void scalarFunctionShouldStayWithinItsUlpBudgetOverTheWholeGrid(String name, double budget, ScalarFunction f,
			DoubleUnaryOperator reference) {
		// The whole grid through applyAll, as the service calls it: long enough for the
		// vector loops (Simd.AVAILABLE under Surefire), not only their scalar tails. The
		// scalar value(x) is checked against the same budget.
		double[] bulk = new double[GRID.length];
		f.applyAll(GRID, bulk);
		Stats stats = new Stats(name, budget);
		Stats scalar = new Stats(name + " value(x)", budget);
		for (int i = 0; i < GRID.length; i++) {
			double x = GRID[i];
			double expected = reference.applyAsDouble(x);
			stats.add(x, bulk[i], expected);
			scalar.add(x, f.value(x), expected);
		}
		REPORT.put(name, stats);
		assertThat(scalar.outOfRangeMismatch).as("%s: value(x) out of range", name).isEmpty();
		assertThat(scalar.max)
			.as("%s: worst ulp error of value(x) (at x = %s, got %s, expected %s)", name, scalar.worstX,
					scalar.worstGot, scalar.worstExpected)
			.isLessThanOrEqualTo(budget);
		assertThat(stats.outOfRangeMismatch).as("%s: out-of-range inputs not answered with the right infinity", name)
			.isEmpty();
		assertThat(stats.max)
			.as("%s: worst ulp error (at x = %s, got %s, expected %s)", name, stats.worstX, stats.worstGot,
					stats.worstExpected)
			.isLessThanOrEqualTo(budget);
	}

	// ---------------------------------------------------------------- scalar references

	/** Keras relu parameter sets: negative_slope, max_value (NaN for none), threshold. */
	private static final double[][] RELU_PARAMETERS = { { 0.5, Double.NaN, 0 }, { 0, 5, 0 }, { 0, Double.NaN, 5 },
			{ 0.1, 6, -2 }, { -3, 1e300, 1e-300 }, { 0.2, Double.NaN, -1.5 } };

	/** selu alpha and gamma: ONNX's float32 constants, and a made-up pair. */
	private static final double[][] SELU_PARAMETERS = { { 1.67326319217681884765625, 1.05070102214813232421875 },
			{ 2, 0.5 } };

	/**
	 * Keras's relu as its {@code static_call} composes it, in exact decimals: x·[x &gt;
	 * threshold] (relu(x) at threshold 0), clipped to [0, max_value] if given, minus
	 * negative_slope·relu(threshold − x).
	 */
	static double kerasRelu(double x, double slope, double max, double threshold) {
		BigDecimal v = bd(x);
		BigDecimal t = bd(threshold);
		BigDecimal part = (threshold != 0) ? ((v.compareTo(t) > 0) ? v : BigDecimal.ZERO) : v.max(BigDecimal.ZERO);
		if (!Double.isNaN(max)) {
			part = part.max(BigDecimal.ZERO).min(bd(max));
		}
		BigDecimal negative = t.subtract(v).max(BigDecimal.ZERO).multiply(bd(slope));
		return round(part.subtract(negative));
	}

	/** x·σ(beta·x) with the exact product beta·x. */
	static double silu(double x, double beta) {
		BigDecimal product = bd(beta).multiply(bd(x));
		if (product.compareTo(BigDecimal.valueOf(-800)) < 0) {
			return x * 0.0; // |x|·e^y < 2|y|e^y < 2^−1075 for |beta| ≥ 1/2
		}
		if (product.compareTo(BigDecimal.valueOf(40)) > 0) {
			return x; // x·σ(y) within x·e^−40 of x: rounds to x
		}
		return round(ap(x).multiply(Reference.sigmoid(new Apfloat(product, Reference.DIGITS))));
	}

	/** gamma·x, or gamma·alpha·(e^x − 1). */
	static double selu(double x, double alpha, double gamma) {
		if (x > 0) {
			return round(bd(gamma).multiply(bd(x)));
		}
		Apfloat scale = ap(gamma).multiply(ap(alpha));
		if (x < -800) {
			return round(scale.negate()); // e^x < 2^−1100 relative
		}
		return round(scale.multiply(Reference.expm1(ap(x))));
	}

	private static double exponential(double x) {
		if (x > 710) {
			return Double.POSITIVE_INFINITY; // e^710 > MAX_VALUE
		}
		if (x < -746) {
			return 0.0; // e^x < 2^−1076
		}
		return round(Reference.exp(ap(x)));
	}

	/**
	 * (x + √(x² + b))/2 as written, at a precision that grows with x²/b so that the
	 * cancellation for x &lt; 0 leaves 60 digits.
	 */
	static double squareplus(double x, double b) {
		if (x < 0 && b == 0) {
			return 0.0;
		}
		long digits = Reference.DIGITS + 10;
		if (x < 0) {
			digits += (long) Math.max(0, 2 * (Math.log10(-x) - Math.log10(b) / 2) + 2);
		}
		Apfloat a = new Apfloat(bd(x), digits);
		Apfloat root = ApfloatMath.sqrt(a.multiply(a).add(new Apfloat(bd(b), digits)));
		return round(a.add(root).divide(new Apfloat(2, digits)));
	}

	/**
	 * x + sin²(a·x)/a with the sine of the exact product, at a precision that covers the
	 * reduction of a·x by π; for |x| ≥ 2^60 (and a ≥ 1/2) the term, at most 2, is below
	 * half an ulp of x, which is the rounded value.
	 */
	static double snake(double x, double a) {
		if (Math.abs(x) >= 0x1p60 && a >= 0.5) {
			return x;
		}
		BigDecimal product = bd(a).multiply(bd(x));
		long digits = Reference.DIGITS + 20 + Math.max(0, product.precision() - product.scale());
		Apfloat sin = ApfloatMath.sin(new Apfloat(product, digits));
		return round(new Apfloat(bd(x), digits).add(sin.multiply(sin).divide(new Apfloat(bd(a), digits))));
	}

	/** log(1 − e^−x) for x &gt; 0. */
	static double log1mexp(double x) {
		if (x > 746) {
			return -0.0; // −e^−x·(1 + …) > −2^−1076
		}
		Apfloat a = ap(x);
		if (x > 40) {
			Apfloat t = Reference.exp(a.negate()); // log(1 − t) = −t − t²/2 − t³/3 − …,
													// t < 5e−18
			return round(t.add(t.multiply(t).divide(Reference.TWO)).negate());
		}
		return round(ApfloatMath.log(Reference.expm1(a.negate()).negate()));
	}

	private static double sigmoid(double x) {
		if (x < -800) {
			return 0.0; // σ(x) < e^x < 2^−1075
		}
		if (x > 40) {
			return 1.0; // 1 − σ(x) < e^−40 < 2^−54
		}
		return round(Reference.sigmoid(ap(x)));
	}

	private static double tanh(double x) {
		if (Math.abs(x) > 40) {
			return Math.signum(x); // 1 − |tanh x| < 2e^−80
		}
		return round(Reference.tanh(ap(x)));
	}

	static double tanhshrink(double x) {
		Apfloat a = ap(x);
		if (Math.abs(x) > 40) {
			return round(a.subtract(new Apfloat((long) Math.signum(x)))); // tanh differs
																			// by < 2e^−80
		}
		if (Math.abs(x) < 1e-4) {
			return round(Reference.tanhshrinkSeries(ApfloatMath.abs(a)).multiply(new Apfloat((long) Math.signum(x))));
		}
		return round(a.subtract(Reference.tanh(a)));
	}

	private static double logsigmoid(double x) {
		if (x > 800) {
			return -0.0; // −log1p(e^−x) ≈ −e^−x > −2^−1075
		}
		if (x < -800) {
			return x; // x − log1p(e^x): the correction is below 2^−1000 relative
		}
		Apfloat a = ap(x);
		return (x < 0) ? round(a.subtract(Reference.log1p(Reference.exp(a))))
				: round(Reference.log1p(Reference.exp(a.negate())).negate());
	}

	private static double silu(double x) {
		if (x < -800) {
			return -0.0; // |x|·e^x < 2^−1075
		}
		if (x > 40) {
			return x; // x·σ(x) within x·e^−40 of x: rounds to x
		}
		Apfloat a = ap(x);
		return round(a.multiply(Reference.sigmoid(a)));
	}

	private static double mish(double x) {
		if (x < -800) {
			return -0.0;
		}
		if (x > 40) {
			return x; // tanh(softplus x) > 1 − 2e^−80
		}
		Apfloat a = ap(x);
		Apfloat softplus = (x > 0) ? a.add(Reference.log1p(Reference.exp(a.negate())))
				: Reference.log1p(Reference.exp(a));
		return round(a.multiply(Reference.tanh(softplus)));
	}

	static double gelu(double x) {
		if (x < -40) {
			return -0.0; // |x Φ(x)| < φ(40) < 2^−1075
		}
		if (x > 10) {
			return x; // 1 − Φ(x) < 1e−23 < 2^−54
		}
		Apfloat a = ap(x);
		return round(a.multiply(Reference.erfc(a.negate().divide(Reference.SQRT2))).divide(Reference.TWO));
	}

	static double geluTanh(double x) {
		if (x < -40) {
			return -0.0; // |x| σ(2u) < 40 e^(2u), 2u < −2300
		}
		if (x > 10) {
			return x; // 2u > 87: 1 − σ(2u) < 2^−54
		}
		Apfloat a = ap(x);
		Apfloat u = Reference.SQRT_2_OVER_PI.multiply(a.add(Reference.GELU_C.multiply(a).multiply(a).multiply(a)));
		// (x/2)(1 + tanh u) = x σ(2u)
		return round(a.multiply(Reference.sigmoid(u.multiply(Reference.TWO))));
	}

	private static double selu(double x) {
		if (x > 0) {
			return round(Reference.SELU_SCALE.multiply(ap(x)));
		}
		if (x < -800) {
			return round(Reference.SELU_SCALE.multiply(Reference.SELU_ALPHA).negate());
		}
		return round(Reference.SELU_SCALE.multiply(Reference.SELU_ALPHA).multiply(Reference.expm1(ap(x))));
	}

	/** elu (alpha·expm1(x)) or celu (alpha·expm1(x/alpha)) for x ≤ 0; x above. */
	private static double celu(double x, double alpha, boolean celu) {
		if (x > 0) {
			return x;
		}
		Apfloat al = ap(alpha);
		Apfloat q = celu ? ap(x).divide(al) : ap(x);
		if (q.compareTo(new Apfloat(-800)) < 0) {
			return -alpha; // expm1(q) = −1 + e^q, e^q < 2^−1100
		}
		if (q.compareTo(new Apfloat(720)) > 0) {
			return Math.copySign(Double.POSITIVE_INFINITY, alpha); // |alpha| e^q >
																	// MAX_VALUE for
																	// |alpha| ≥ 1/4
		}
		return round(al.multiply(Reference.expm1(q)));
	}

	private static double softplus(double x, double beta, double threshold) {
		Apfloat b = ap(beta);
		Apfloat y = ap(x).multiply(b);
		if (!Double.isNaN(threshold) && y.compareTo(ap(threshold)) > 0) {
			return x;
		}
		if (y.compareTo(new Apfloat(800)) > 0) {
			return x; // log1p(e^−y)/beta < 2e^−800: rounds to x
		}
		if (y.compareTo(new Apfloat(-800)) < 0) {
			return 0.0; // e^y/beta < 2^−1075 for beta ≥ 1/2
		}
		if (y.signum() > 0) {
			return round(ap(x).add(Reference.log1p(Reference.exp(y.negate())).divide(b)));
		}
		return round(Reference.log1p(Reference.exp(y)).divide(b));
	}

	// ---------------------------------------------------------------- axis functions

	@Test
	void softmaxFamilyShouldStayWithinItsUlpBudgetOnEveryRow() {
		List<double[]> rows = rows();
		for (double t : new double[] { 1, 0.5, 3 }) {
			for (String kind : AXIS_VALUE_CASES.subList(0, 3)) {
				AxisFunction f = switch (kind) {
					case "softmax" -> AxisKernels.softmax(t);
					case "softmin" -> AxisKernels.softmin(t);
					default -> AxisKernels.logSoftmax(t);
				};
				String name = kind + " T=" + t;
				Stats stats = new Stats(name, 4);
				for (double[] row : rows) {
					double[] out = new double[row.length];
					f.apply(row, new Lanes(1, row.length, 1), out);
					double[] ref = softmaxReference(row, t, kind.equals("softmin"), kind.equals("log_softmax"));
					for (int i = 0; i < row.length; i++) {
						stats.add(row[i], out[i], ref[i]);
					}
					if (!kind.equals("log_softmax")) {
						assertSumsToOne(name, row, out);
					}
				}
				REPORT.put(name, stats);
				assertThat(stats.outOfRangeMismatch).as(name).isEmpty();
				assertThat(stats.max).as("%s worst at %s", name, stats.worstX).isLessThanOrEqualTo(stats.budget);
			}
		}
	}

	/**
	 * softmax2d as the catalog binds it, on images: each row of {@link #rows()} is the
	 * channels of the first pixel of a (1, C, 1, 2) image and, reversed, of its second,
	 * and the channels of the one pixel of a (C, 1, 1) image; each pixel is checked
	 * against the softmax reference, the value and the vector-Jacobian product with a
	 * random upstream gradient, within softmax's budget of 4 ulp.
	 */
	@Test
	void softmax2dShouldStayWithinTheSoftmaxBudgetOverTheChannelsOfEveryPixel() {
		Kernel kernel = Activation.SOFTMAX2D.bind(Activation.SOFTMAX2D.defaults());
		Stats values = new Stats("softmax2d", 4);
		Stats products = new Stats("softmax2d", 4);
		for (double[] row : rows()) {
			int c = row.length;
			double[] reversed = new double[c];
			for (int i = 0; i < c; i++) {
				reversed[i] = row[c - 1 - i];
			}
			SplittableRandom random = new SplittableRandom(c * 17L + 3);
			double[][] grads = new double[2][c];
			for (double[] g : grads) {
				for (int i = 0; i < c; i++) {
					// as the product cases: one in eight near the top of the doubles
					g[i] = random.nextDouble(-1, 1) * ((random.nextInt(8) == 0) ? 1e300 : 1);
				}
			}
			// (1, C, 1, 2): channel k of pixel p at index 2k + p
			double[] image = new double[2 * c];
			double[] grad = new double[2 * c];
			for (int k = 0; k < c; k++) {
				image[2 * k] = row[k];
				image[2 * k + 1] = reversed[k];
				grad[2 * k] = grads[0][k];
				grad[2 * k + 1] = grads[1][k];
			}
			Tensor four = new Tensor(image, new int[] { 1, c, 1, 2 });
			double[] out = new double[2 * c];
			kernel.value(four, out);
			double[] product = new double[2 * c];
			kernel.vjp(four, grad, product);
			double[][] pixels = { row, reversed };
			for (int p = 0; p < 2; p++) {
				double[] ref = softmaxReference(pixels[p], 1, false, false);
				double[] vjp = GradientReference.softmaxVjp(pixels[p], grads[p], 1, false, false);
				for (int k = 0; k < c; k++) {
					values.add(pixels[p][k], out[2 * k + p], ref[k]);
					products.add(pixels[p][k], product[2 * k + p], vjp[k]);
				}
			}
			// (C, 1, 1): the row itself
			double[] three = new double[c];
			kernel.value(new Tensor(row, new int[] { c, 1, 1 }), three);
			double[] ref = softmaxReference(row, 1, false, false);
			for (int k = 0; k < c; k++) {
				values.add(row[k], three[k], ref[k]);
			}
		}
		REPORT.put("softmax2d", values);
		GRADIENTS.put("softmax2d", products);
		assertThat(values.outOfRangeMismatch).as("softmax2d").isEmpty();
		assertThat(values.max).as("softmax2d worst at %s", values.worstX).isLessThanOrEqualTo(values.budget);
		assertThat(products.outOfRangeMismatch).as("softmax2d vjp").isEmpty();
		assertThat(products.max).as("softmax2d vjp worst at %s", products.worstX).isLessThanOrEqualTo(products.budget);
	}

	/**
	 * prelu with a weight per channel, as the catalog binds it: the whole grid as a (n,
	 * 3) matrix (PyTorch's channel axis 1) and, with {@code axis=0}, as a vector of
	 * per-element weights; each value is one rounding of w·x and each derivative w, so
	 * exact against BigDecimal's products.
	 */
	@Test
	void preluWithAWeightPerChannelShouldBeExactOnEveryChannel() {
		double[] weights = { 0.25, -0.1, 3 };
		int rows = GRID.length / 3;
		double[] x = Arrays.copyOf(GRID, rows * 3);
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("weight", List.of(0.25, -0.1, 3.0));
		arguments.put("axis", null);
		Kernel kernel = Activation.PRELU.bind(new ai.activation.catalog.Arguments(arguments));
		Tensor matrix = new Tensor(x, new int[] { rows, 3 });
		double[] out = new double[x.length];
		double[] derivative = new double[x.length];
		kernel.value(matrix, out);
		kernel.vjp(matrix, null, derivative);
		Stats values = new Stats("prelu weight=0.25,-0.1,3 (per channel)", 0);
		Stats gradients = new Stats("prelu weight=0.25,-0.1,3 (per channel)", 0);
		for (int i = 0; i < x.length; i++) {
			double w = weights[i % 3];
			values.add(x[i], out[i], (x[i] > 0) ? x[i] : round(bd(w).multiply(bd(x[i]))));
			gradients.add(x[i], derivative[i], (x[i] > 0) ? 1.0 : w);
		}
		// axis=0 of a vector: one weight per element
		arguments.put("axis", 0);
		Kernel alongVector = Activation.PRELU.bind(new ai.activation.catalog.Arguments(arguments));
		double[] three = { -2, 5, -7 };
		double[] answer = new double[3];
		alongVector.value(new Tensor(three, new int[] { 3 }), answer);
		for (int i = 0; i < 3; i++) {
			values.add(three[i], answer[i], (three[i] > 0) ? three[i] : round(bd(weights[i]).multiply(bd(three[i]))));
		}
		REPORT.put(values.name, values);
		GRADIENTS.put(gradients.name, gradients);
		assertThat(values.max).as("prelu per channel worst at %s", values.worstX).isZero();
		assertThat(gradients.max).as("prelu' per channel worst at %s", gradients.worstX).isZero();
	}

	@Test
	void reductionsNormalizersAndGatesShouldStayWithinTheirBudgetsOnEveryRow() {
		List<double[]> rows = rows();
		Map<String, AxisFunction> functions = new LinkedHashMap<>();
		functions.put("logsumexp", LogSumExp.logsumexp(false));
		functions.put("logmeanexp", LogSumExp.logmeanexp(false));
		functions.put("standardize epsilon=1.0E-5", Standardization.standardize(1e-5));
		functions.put("standardize epsilon=1.0", Standardization.standardize(1));
		functions.put("crelu", GatedUnits.crelu());
		for (Map.Entry<String, AxisFunction> entry : functions.entrySet()) {
			String name = entry.getKey();
			AxisFunction f = entry.getValue();
			Stats stats = new Stats(name, name.equals("crelu") ? 0 : name.startsWith("log") ? 4 : 2);
			for (double[] row : rows) {
				double[] out = new double[f.outputLength(row.length)];
				f.apply(row, new Lanes(1, row.length, 1), out);
				double[] expected = switch (name) {
					case "logsumexp" -> new double[] { logsumexp(row, false) };
					case "logmeanexp" -> new double[] { logsumexp(row, true) };
					case "crelu" -> creluReference(row);
					default -> standardize(row, name.endsWith("1.0E-5") ? 1e-5 : 1);
				};
				for (int i = 0; i < out.length; i++) {
					stats.add(row[i % row.length], out[i], expected[i]);
				}
			}
			REPORT.put(name, stats);
			assertThat(stats.outOfRangeMismatch).as(name).isEmpty();
			assertThat(stats.max)
				.as("%s worst at %s (got %s, expected %s)", name, stats.worstX, stats.worstGot, stats.worstExpected)
				.isLessThanOrEqualTo(stats.budget);
		}
		// the gated units: f(a)·b with the row as a and grid values as b
		Map<String, AxisFunction> gates = new LinkedHashMap<>();
		gates.put("swiglu alpha=1", GatedUnits.swiglu(1));
		gates.put("swiglu alpha=2", GatedUnits.swiglu(2));
		gates.put("geglu", GatedUnits.geglu(false));
		gates.put("geglu approximate=tanh", GatedUnits.geglu(true));
		for (Map.Entry<String, AxisFunction> entry : gates.entrySet()) {
			String name = entry.getKey();
			DoubleUnaryOperator f = switch (name) {
				case "swiglu alpha=1" -> (a) -> silu(a, 1);
				case "swiglu alpha=2" -> (a) -> silu(a, 2);
				case "geglu" -> KernelAccuracyTests::gelu;
				default -> KernelAccuracyTests::geluTanh;
			};
			Stats stats = new Stats(name, 4);
			for (double[] row : rows) {
				double[] doubled = new double[2 * row.length];
				SplittableRandom random = new SplittableRandom(row.length + 23);
				for (int i = 0; i < row.length; i++) {
					doubled[i] = row[i];
					doubled[row.length + i] = GRID[random.nextInt(GRID.length)];
				}
				double[] out = new double[row.length];
				entry.getValue().apply(doubled, new Lanes(1, doubled.length, 1), out);
				for (int i = 0; i < row.length; i++) {
					// f(a) correctly rounded (its own reference), times b exactly,
					// rounded:
					// within 1 ulp of the true product
					double fa = f.applyAsDouble(row[i]);
					double expected = Double.isInfinite(fa) ? fa * doubled[row.length + i]
							: round(bd(fa).multiply(bd(doubled[row.length + i])));
					stats.add(row[i], out[i], expected);
				}
			}
			REPORT.put(name, stats);
			assertThat(stats.outOfRangeMismatch).as(name).isEmpty();
			assertThat(stats.max)
				.as("%s worst at a = %s (got %s, expected %s)", name, stats.worstX, stats.worstGot, stats.worstExpected)
				.isLessThanOrEqualTo(stats.budget);
		}
	}

	/**
	 * log Σ e^x (or log of the mean) of a row, from E = Σ_{k≠argmax} expm1(x_k − m) at 60
	 * digits (expm1 by its series for tiny arguments): log Σ e^x = m + log1p((n − 1) +
	 * E), log of the mean = m + log1p(E/n), so that neither a row like [0, −740] (E near
	 * −1) nor one like [a, −a, 0] with tiny a (E near 0) loses its small terms.
	 */
	static double logsumexp(double[] row, boolean mean) {
		int argmax = 0;
		for (int k = 0; k < row.length; k++) {
			if (bd(row[k]).compareTo(bd(row[argmax])) > 0) {
				argmax = k;
			}
		}
		BigDecimal m = bd(row[argmax]);
		// the sum R of e^d (for log Σ e^x), and E of expm1(d) (for the mean)
		Apfloat sum = new Apfloat(0, Reference.DIGITS);
		Apfloat excess = new Apfloat(0, Reference.DIGITS);
		for (int k = 0; k < row.length; k++) {
			BigDecimal d = bd(row[k]).subtract(m);
			if (k != argmax) {
				boolean far = d.compareTo(BigDecimal.valueOf(-100000)) <= 0;
				sum = far ? sum : sum.add(Reference.exp(Reference.ap(d)));
				excess = excess.add(far ? new Apfloat(-1, Reference.DIGITS) : Reference.expm1(Reference.ap(d)));
			}
		}
		Apfloat n = new Apfloat(row.length, Reference.DIGITS);
		Apfloat argument = mean ? excess.divide(n) : sum;
		Apfloat log = (argument.signum() == 0) ? new Apfloat(0) : Reference.log1p(argument);
		return round(new Apfloat(m, Reference.DIGITS + 700).add(log));
	}

	/** g·softmax(x)_i, the probabilities at 60 digits. */
	static double[] logsumexpVjp(double[] row, double[] grad) {
		Apfloat[] p = GradientReference.probabilities(row, 1, false);
		double[] out = new double[row.length];
		for (int i = 0; i < row.length; i++) {
			out[i] = round(ap(grad[0]).multiply(p[i]));
		}
		return out;
	}

	private static final MathContext WIDE = new MathContext(120);

	/**
	 * The deviations, and s = √(var + epsilon), of a row, at 120 digits plus twice the
	 * decimal exponent of max|x|/√epsilon: the VJP of a two-element lane cancels to
	 * epsilon/var of its terms, which needs them that far.
	 */
	private static BigDecimal[] deviations(double[] row, double epsilon) {
		int n = row.length;
		double big = 0;
		for (double x : row) {
			big = Math.max(big, Math.abs(x));
		}
		int extra = (big == 0) ? 0 : (int) Math.max(0, 2 * (Math.log10(big) - Math.log10(epsilon) / 2) + 10);
		MathContext wide = new MathContext(120 + extra);
		BigDecimal sum = BigDecimal.ZERO;
		for (double x : row) {
			sum = sum.add(bd(x));
		}
		// the mean to the sum's own digits and 120 more: rounded to 120 + extra digits
		// only, it could be off by more than a deviation of a tiny lane over √epsilon
		BigDecimal mean = sum.divide(BigDecimal.valueOf(n), new MathContext(sum.precision() + 120 + extra));
		BigDecimal[] out = new BigDecimal[n + 1];
		BigDecimal squares = BigDecimal.ZERO;
		for (int i = 0; i < n; i++) {
			out[i] = bd(row[i]).subtract(mean);
			squares = squares.add(out[i].multiply(out[i]));
		}
		BigDecimal variance = squares.divide(BigDecimal.valueOf(n), wide).add(bd(epsilon));
		out[n] = variance.sqrt(wide);
		return out;
	}

	/** (x − mean)/√(var + epsilon) by exact decimals (120 digits). */
	static double[] standardize(double[] row, double epsilon) {
		BigDecimal[] d = deviations(row, epsilon);
		double[] out = new double[row.length];
		for (int i = 0; i < row.length; i++) {
			out[i] = round(d[i].divide(d[row.length], WIDE));
		}
		return out;
	}

	/** (1/s)(g_i − mean g − y_i·mean(g·y)), by exact decimals (120 digits). */
	static double[] standardizeVjp(double[] row, double[] grad, double epsilon) {
		int n = row.length;
		BigDecimal[] d = deviations(row, epsilon);
		BigDecimal s = d[n];
		BigDecimal[] y = new BigDecimal[n];
		BigDecimal gSum = BigDecimal.ZERO;
		BigDecimal gySum = BigDecimal.ZERO;
		for (int i = 0; i < n; i++) {
			y[i] = d[i].divide(s, new MathContext(s.precision() + 600));
			gSum = gSum.add(bd(grad[i]));
			gySum = gySum.add(bd(grad[i]).multiply(y[i]));
		}
		MathContext wide = new MathContext(s.precision() + 600);
		BigDecimal gMean = gSum.divide(BigDecimal.valueOf(n), wide);
		BigDecimal gyMean = gySum.divide(BigDecimal.valueOf(n), wide);
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			out[i] = round(bd(grad[i]).subtract(gMean).subtract(y[i].multiply(gyMean)).divide(s, wide));
		}
		return out;
	}

	/** [relu(x), relu(−x)]. */
	static double[] creluReference(double[] row) {
		double[] out = new double[2 * row.length];
		for (int i = 0; i < row.length; i++) {
			out[i] = (row[i] > 0) ? row[i] : 0.0;
			out[row.length + i] = (row[i] < 0) ? -row[i] : 0.0;
		}
		return out;
	}

	/** crelu's product: g_i where x &gt; 0, −g_(n+i) where x &lt; 0, else 0. */
	static double[] creluVjp(double[] row, double[] grad) {
		double[] out = new double[row.length];
		for (int i = 0; i < row.length; i++) {
			out[i] = (row[i] > 0) ? grad[i] : (row[i] < 0) ? -grad[row.length + i] : 0.0;
		}
		return out;
	}

	/**
	 * f(a)·b's product: ∂/∂a = g·b·f′(a), ∂/∂b = g·f(a), with f and f′ correctly rounded
	 * by their own references and the products exact, then rounded (within 1 ulp of the
	 * true values).
	 */
	static double[] gatedVjp(double[] row, double[] grad, DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
		int half = row.length / 2;
		double[] out = new double[row.length];
		for (int k = 0; k < half; k++) {
			double a = row[k];
			double b = row[k + half];
			out[k] = round(bd(grad[k]).multiply(bd(b)).multiply(bd(derivative.applyAsDouble(a))));
			double fa = f.applyAsDouble(a);
			out[k + half] = Double.isInfinite(fa) ? grad[k] * fa : round(bd(grad[k]).multiply(bd(fa)));
		}
		return out;
	}

	/** The reglu product by exact decimal arithmetic, rounded once. */
	static double[] regluVjp(double[] row, double[] grad) {
		int half = row.length / 2;
		double[] out = new double[row.length];
		for (int k = 0; k < half; k++) {
			boolean open = row[k] > 0;
			out[k] = open ? round(new BigDecimal(grad[k]).multiply(new BigDecimal(row[half + k]))) : 0;
			out[half + k] = open ? round(new BigDecimal(grad[k]).multiply(new BigDecimal(row[k]))) : 0;
		}
		return out;
	}

	@Test
	void hardmaxShouldAnswerOneAtTheFirstMaximumOfEveryRow() {
		Stats stats = new Stats("hardmax", 0);
		for (double[] row : rows()) {
			double[] out = new double[row.length];
			GatedUnits.hardmax().apply(row, new Lanes(1, row.length, 1), out);
			BigDecimal max = null;
			int first = -1;
			for (int i = 0; i < row.length; i++) {
				BigDecimal x = new BigDecimal(row[i]);
				if (max == null || x.compareTo(max) > 0) {
					max = x;
					first = i;
				}
			}
			for (int i = 0; i < row.length; i++) {
				stats.add(row[i], out[i], (i == first) ? 1 : 0);
			}
		}
		REPORT.put("hardmax", stats);
		assertThat(stats.max).as("hardmax worst at %s", stats.worstX).isLessThanOrEqualTo(stats.budget);
	}

	@Test
	void regluShouldBeExactlyRoundedOnEveryRow() {
		Stats stats = new Stats("reglu", 0.5);
		for (double[] row : rows()) {
			double[] doubled = new double[2 * row.length];
			SplittableRandom random = new SplittableRandom(row.length + 11);
			for (int i = 0; i < row.length; i++) {
				doubled[i] = row[i];
				doubled[row.length + i] = GRID[random.nextInt(GRID.length)];
			}
			double[] out = new double[row.length];
			GatedUnits.reglu().apply(doubled, new Lanes(1, doubled.length, 1), out);
			for (int i = 0; i < row.length; i++) {
				double expected = (row[i] > 0)
						? round(new BigDecimal(row[i]).multiply(new BigDecimal(doubled[row.length + i]))) : 0;
				stats.add(row[i], out[i], expected);
			}
		}
		REPORT.put("reglu", stats);
		assertThat(stats.max).as("reglu worst at a = %s", stats.worstX).isLessThanOrEqualTo(stats.budget);
	}

	@Test
	void gluShouldStayWithinItsUlpBudgetOnEveryRow() {
		Stats stats = new Stats("glu", 3);
		for (double[] row : rows()) {
			double[] doubled = new double[2 * row.length];
			SplittableRandom random = new SplittableRandom(row.length);
			for (int i = 0; i < row.length; i++) {
				doubled[i] = GRID[random.nextInt(GRID.length)];
				doubled[row.length + i] = row[i];
			}
			double[] out = new double[row.length];
			AxisKernels.glu().apply(doubled, new Lanes(1, doubled.length, 1), out);
			for (int i = 0; i < row.length; i++) {
				stats.add(row[i], out[i], gluReference(doubled[i], row[i]));
			}
		}
		REPORT.put("glu", stats);
		assertThat(stats.max).as("glu worst at b = %s", stats.worstX).isLessThanOrEqualTo(stats.budget);
	}

	@Test
	void sparsemaxShouldStayWithinItsUlpBudgetAndProjectOntoTheSimplex() {
		Stats stats = new Stats("sparsemax", 1);
		for (double[] row : rows()) {
			double[] out = new double[row.length];
			AxisKernels.sparsemax().apply(row, new Lanes(1, row.length, 1), out);
			BigDecimal[] tau = sparsemaxTau(row);
			for (int i = 0; i < row.length; i++) {
				// z_i − τ = (k z_i − (C − 1)) / k, the numerator exact
				BigDecimal p = Reference.divide(tau[1].multiply(bd(row[i])).subtract(tau[0]), tau[1]);
				double expected = (p.signum() > 0) ? round(p) : 0.0;
				stats.add(row[i], out[i], expected);
				// support: exactly the elements above τ
				assertThat(out[i] > 0).as("support of %s at %d", Arrays.toString(row), i).isEqualTo(p.signum() > 0);
			}
			assertSumsToOne("sparsemax", row, out);
		}
		REPORT.put("sparsemax", stats);
		assertThat(stats.max).as("sparsemax worst at %s", stats.worstX).isLessThanOrEqualTo(stats.budget);
	}

	/** The value budget of entmax, in ulps, for every α. */
	private static final double ENTMAX_VALUE_BUDGET = 2;

	/** The vector-Jacobian product budget of entmax, in ulps, for every α. */
	private static final double ENTMAX_VJP_BUDGET = 2;

	@Test
	void entmaxShouldStayWithinItsUlpBudgetAndSumToOneForEveryAlpha() {
		Map<String, AxisFunction> functions = new LinkedHashMap<>();
		Map<String, Double> alphas = new LinkedHashMap<>();
		functions.put("entmax15", Entmax.entmax15());
		alphas.put("entmax15", 1.5);
		functions.put("entmax alpha=1.0", Entmax.entmax(1));
		alphas.put("entmax alpha=1.0", 1.0);
		for (double alpha : ENTMAX_ALPHAS) {
			functions.put("entmax alpha=" + alpha, Entmax.entmax(alpha));
			alphas.put("entmax alpha=" + alpha, alpha);
		}
		for (Map.Entry<String, AxisFunction> entry : functions.entrySet()) {
			String name = entry.getKey();
			double alpha = alphas.get(name);
			Stats stats = new Stats(name, (alpha == 1) ? 4 : ENTMAX_VALUE_BUDGET);
			for (double[] row : rows()) {
				double[] out = new double[row.length];
				entry.getValue().apply(row, new Lanes(1, row.length, 1), out);
				double[] expected = (alpha == 1) ? softmaxReference(row, 1, false, false)
						: EntmaxReference.values(row, alpha);
				for (int i = 0; i < row.length; i++) {
					stats.add(row[i], out[i], expected[i]);
				}
				assertSumsToOne(name, row, out);
			}
			REPORT.put(name, stats);
			assertThat(stats.outOfRangeMismatch).as(name).isEmpty();
			assertThat(stats.max)
				.as("%s worst at %s (got %s, expected %s)", name, stats.worstX, stats.worstGot, stats.worstExpected)
				.isLessThanOrEqualTo(stats.budget);
		}
	}

	@Test
	void axisFunctionsShouldFollowTheLanesOfAnNdTensorAlongEveryAxis() {
		int[] shape = { 3, 4, 5 };
		SplittableRandom random = new SplittableRandom(7);
		double[] tensor = new double[60];
		for (int i = 0; i < tensor.length; i++) {
			tensor[i] = random.nextDouble(-20, 20);
		}
		for (int axis = 0; axis < 3; axis++) {
			Lanes lanes = Lanes.of(shape, axis);
			double[] out = new double[tensor.length];
			AxisKernels.softmax(1).apply(tensor, lanes, out);
			int[] strides = { 20, 5, 1 };
			// every lane: fix the other two coordinates, walk the axis
			for (int a = 0; a < shape[(axis + 1) % 3]; a++) {
				for (int b = 0; b < shape[(axis + 2) % 3]; b++) {
					double[] row = new double[shape[axis]];
					int[] index = new int[shape[axis]];
					for (int k = 0; k < shape[axis]; k++) {
						int[] coordinate = new int[3];
						coordinate[axis] = k;
						coordinate[(axis + 1) % 3] = a;
						coordinate[(axis + 2) % 3] = b;
						index[k] = coordinate[0] * strides[0] + coordinate[1] * strides[1] + coordinate[2];
						row[k] = tensor[index[k]];
					}
					double[] ref = softmaxReference(row, 1, false, false);
					for (int k = 0; k < row.length; k++) {
						assertThat(ulps(out[index[k]], ref[k])).as("axis %d", axis).isLessThanOrEqualTo(4);
					}
				}
			}
		}
	}

	private static void assertSumsToOne(String name, double[] row, double[] out) {
		BigDecimal sum = BigDecimal.ZERO;
		for (double v : out) {
			sum = sum.add(bd(v));
		}
		double error = sum.subtract(BigDecimal.ONE).abs().doubleValue();
		assertThat(error).as("%s: sum of %s", name, Arrays.toString(row)).isLessThanOrEqualTo(4 * 0x1p-52);
	}

	static double[] softmaxReference(double[] row, double t, boolean negate, boolean log) {
		int n = row.length;
		BigDecimal[] v = new BigDecimal[n];
		int argmax = 0;
		for (int i = 0; i < n; i++) {
			v[i] = bd(negate ? -row[i] : row[i]);
			if (v[i].compareTo(v[argmax]) > 0) {
				argmax = i;
			}
		}
		Apfloat temperature = ap(t);
		Apfloat[] d = new Apfloat[n];
		Apfloat[] e = new Apfloat[n];
		Apfloat rest = ZERO;
		for (int i = 0; i < n; i++) {
			d[i] = Reference.ap(v[i].subtract(v[argmax])).divide(temperature);
			e[i] = (d[i].compareTo(new Apfloat(-3000)) < 0) ? ZERO : Reference.exp(d[i]);
			if (i != argmax) {
				rest = rest.add(e[i]);
			}
		}
		Apfloat sum = ONE.add(rest);
		Apfloat logSum = Reference.log1p(rest);
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			out[i] = log ? round(d[i].subtract(logSum)) : (e[i].signum() == 0) ? 0.0 : round(e[i].divide(sum));
		}
		return out;
	}

	private static double gluReference(double a, double b) {
		if (b < -1e5 || a == 0) {
			return 0.0;
		}
		if (b > 100) {
			return a;
		}
		return round(ap(a).multiply(Reference.sigmoid(ap(b))));
	}

	/**
	 * τ = (C − 1)/k of sparsemax by the textbook algorithm in exact decimal arithmetic,
	 * returned as the exact pair {C − 1, k}.
	 */
	static BigDecimal[] sparsemaxTau(double[] row) {
		BigDecimal[] z = new BigDecimal[row.length];
		for (int i = 0; i < row.length; i++) {
			z[i] = bd(row[i]);
		}
		Arrays.sort(z, Collections.reverseOrder());
		BigDecimal cumulative = BigDecimal.ZERO;
		BigDecimal[] tau = null;
		for (int k = 1; k <= z.length; k++) {
			cumulative = cumulative.add(z[k - 1]);
			BigDecimal kk = BigDecimal.valueOf(k);
			if (BigDecimal.ONE.add(kk.multiply(z[k - 1])).compareTo(cumulative) > 0) {
				tau = new BigDecimal[] { cumulative.subtract(BigDecimal.ONE), kk };
			}
		}
		return tau;
	}

	// ---------------------------------------------------------------- grids

	/**
	 * The scalar grid: every listed extreme, dense bands, and fixed-seed random doubles.
	 */
	/**
	 * The scalar grid.
	 * @param density the number of random points, in units of 250 (any exponent), 250 (in
	 * ±50), 125 (in ±800) and 125 (exponents −60 … 3)
	 * @return the sorted grid
	 */
	static double[] scalarGrid(int density) {
		TreeSet<Double> set = new TreeSet<>();
		double[] extremes = { 0.0, Double.MIN_VALUE, 1e-320, 1e-310, Double.MIN_NORMAL, 1e-300, 1e-200, 1e-108, 1e-100,
				1e-20, 1e-16, 0x1p-54, 1e-10, 1e-8, 1e-5, 1e-3, 0.1, 13, 20, 30, 36.7, 37, 38, 38.5, 39, 40, 709.78,
				709.782712893384, 709.79, 745.13, 745.1332191019411, 745.14, 751, 751.5, 752, 1e3, 1e5, 1e10, 1e20,
				1e100, 1e154, 1e200, 1e300, 1e307, 1.7e308, Double.MAX_VALUE };
		for (double x : extremes) {
			set.add(x);
			set.add(-x);
		}
		for (int i = 0; i <= 400; i++) {
			double x = -10 + i * 0.05 + 0.0123;
			set.add(x);
		}
		for (double x = 0.5; x <= 10; x += 0.25) {
			set.add(x);
			set.add(-x);
		}
		for (double x = 10; x <= 45; x += 0.25) {
			set.add(x);
			set.add(-x);
		}
		for (double x = 700; x <= 800; x += 0.5) {
			set.add(x);
			set.add(-x);
		}
		SplittableRandom random = new SplittableRandom(20261129);
		for (int i = 0; i < 250 * density; i++) {
			// any exponent
			double x = Math.scalb(1 + random.nextDouble(), random.nextInt(-1074, 1024));
			set.add(random.nextBoolean() ? x : -x);
		}
		for (int i = 0; i < 250 * density; i++) {
			set.add(random.nextDouble(-50, 50));
		}
		for (int i = 0; i < 125 * density; i++) {
			set.add(random.nextDouble(-800, 800));
		}
		for (int i = 0; i < 125 * density; i++) {
			double x = Math.scalb(1 + random.nextDouble(), random.nextInt(-60, 4));
			set.add(random.nextBoolean() ? x : -x);
		}
		set.removeIf((x) -> Double.isInfinite(x) || Double.isNaN(x));
		double[] grid = set.stream().mapToDouble(Double::doubleValue).toArray();
		// keep −0.0 too (the TreeSet orders it apart from +0.0, so it is already there)
		return grid;
	}

	/**
	 * Rows for the axis functions: named edge rows and fixed-seed random rows of length 1
	 * … 20.
	 */
	static List<double[]> rows() {
		List<double[]> rows = new ArrayList<>();
		rows.add(new double[] { 1010, 1000, 990 });
		rows.add(new double[] { 1, 2, 3 });
		rows.add(new double[] { 0, -740 });
		rows.add(new double[] { -800, -800 });
		rows.add(new double[] { 0, -40, -50 });
		rows.add(new double[] { 0, -1e-10, -40 });
		rows.add(new double[] { 1e308, -1e308 });
		rows.add(new double[] { Double.MAX_VALUE, -Double.MAX_VALUE, 0 });
		rows.add(new double[] { 1.5e308, -1.5e308, 1e308 });
		rows.add(new double[] { 5, 5, 5, 5 });
		rows.add(new double[] { 3, 3, 1 });
		rows.add(new double[] { 0.5, 0.5 });
		rows.add(new double[] { 1, 0 });
		rows.add(new double[] { 2, 1.5, 1 });
		rows.add(new double[] { 42 });
		rows.add(new double[] { -1e300 });
		rows.add(new double[] { 1e-310, -1e-310, 0 });
		rows.add(new double[] { 0.0, -0.0 });
		rows.add(new double[] { 1e20, 1e20 + 65536, 1e20 - 65536 });
		rows.add(new double[] { 1e-20, 2e-20, 0.3, 0.3 + 1e-16 });
		rows.add(new double[] { 700, -700, 0 });
		rows.add(new double[] { -1000, -1700, -1745, -1800 });
		SplittableRandom random = new SplittableRandom(42);
		double[] scales = { 1e-3, 1, 5, 30, 400, 1e4, 1e200 };
		for (int r = 0; r < 200; r++) {
			int n = 1 + random.nextInt(20);
			double scale = scales[random.nextInt(scales.length)];
			double shift = random.nextBoolean() ? 0 : random.nextDouble(-2000, 2000);
			double[] row = new double[n];
			for (int i = 0; i < n; i++) {
				row[i] = shift + scale * random.nextDouble(-1, 1);
			}
			if (n > 2 && random.nextInt(4) == 0) {
				row[n - 1] = row[0]; // a tie
			}
			rows.add(row);
		}
		return rows;
	}

	// ---------------------------------------------------------------- ulps and the
	// report

	/**
	 * |got − expected| in ulps of expected (the correctly rounded reference); ±0 are
	 * equal.
	 */
	static double ulps(double got, double expected) {
		if (got == expected) {
			return 0;
		}
		if (Double.isInfinite(got) || Double.isNaN(got) || Double.isInfinite(expected)) {
			return Double.POSITIVE_INFINITY;
		}
		BigDecimal diff = bd(got).subtract(bd(expected)).abs();
		return diff.divide(bd(Math.ulp(expected)), MathContext.DECIMAL64).doubleValue();
	}

	static final class Stats {

		final String name;

		final double budget;

		int count;

		int outOfRange;

		final List<String> outOfRangeMismatch = new ArrayList<>();

		double max;

		double sumSquares;

		double worstX;

		double worstGot;

		double worstExpected;

		Stats(String name, double budget) {
			this.name = name;
			this.budget = budget;
			BUDGET.put(name, budget);
		}

		void add(double x, double got, double expected) {
			if (Double.isInfinite(expected)) {
				this.outOfRange++;
				if (got != expected) {
					this.outOfRangeMismatch.add(x + " -> " + got);
				}
				return;
			}
			double u = ulps(got, expected);
			this.count++;
			this.sumSquares += u * u;
			if (u > this.max || Double.isNaN(u)) {
				this.max = u;
				this.worstX = x;
				this.worstGot = got;
				this.worstExpected = expected;
			}
		}

		double rms() {
			return Math.sqrt(this.sumSquares / Math.max(1, this.count));
		}

	}

	@AfterAll
	static void writeReport() throws IOException {
		StringBuilder md = new StringBuilder();
		md.append("### Values\n\n");
		table(md, REPORT);
		md.append("\n### Gradients (derivatives and vector-Jacobian products)\n\n");
		table(md, GRADIENTS);
		md.append(String.format("%nScalar grid: %d points; axis rows: %d.%n", GRID.length, rows().size()));
		Path target = Path.of("target");
		Files.createDirectories(target);
		Files.writeString(target.resolve("accuracy-report.md"), md.toString());
	}

	private static void table(StringBuilder md, Map<String, Stats> report) {
		md.append(
				"| function and parameters | budget (ulp) | worst (ulp) | RMS (ulp) | worst at x | points | out of range |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|\n");
		synchronized (report) {
			for (Stats s : report.values()) {
				md.append(String.format("| %s | %s | %.3f | %.3f | %s | %d | %d |%n", s.name, fmt(s.budget), s.max,
						s.rms(), (s.max == 0) ? "–" : Double.toString(s.worstX), s.count, s.outOfRange));
			}
		}
	}

	private static String fmt(double budget) {
		return (budget == Math.rint(budget)) ? Long.toString((long) budget) : Double.toString(budget);
	}

}
