package ai.activation.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Kernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns per element of each catalog function (its kernel bound with the default parameters,
 * as the service binds it; a function along an axis over the one axis of the vector) on
 * 2^20 float64 values uniform in [−10, 10] (their absolute values for log1mexp, whose domain
 * is x &gt; 0; as
 * {@code bench/torch_kernels.py}), one thread: {@code service} is the path the service
 * runs ({@link ScalarFunction#applyAll}, vector where there is one), {@code scalarLoop}
 * the plain loop over {@link ScalarFunction#value}, in the same run (elementwise
 * functions only: run {@code KernelBenchmarks.service} for the whole catalog). {@code split} runs
 * the service path on two halves at once (common pool + caller), to decide whether a large
 * request should use both cores; run it with {@code -t 1} for latency and {@code -t 2}
 * for throughput under concurrent load.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = { "--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(KernelBenchmarks.N)
public class KernelBenchmarks {

	static final int N = 1 << 20;

	@Param({ "sigmoid", "tanh", "relu", "gelu", "silu", "step", "identity", "softmax", "relu6", "leaky_relu", "prelu",
			"rrelu", "elu", "selu", "celu", "mish", "softplus", "softsign", "hardtanh", "hardsigmoid", "hardswish",
			"hardshrink", "softshrink", "tanhshrink", "threshold", "logsigmoid", "log_softmax", "softmin", "softmax2d", "glu",
			"sparsemax", "hardmax", "reglu", "exponential", "squareplus", "sparse_plus", "sparse_sigmoid",
			"thresholded_relu", "shrink", "relu_squared", "snake", "log1mexp", "logsumexp", "logmeanexp", "standardize",
			"crelu", "swiglu", "geglu" })
	String function;

	/** The elementwise kernel, or null for a function along an axis. */
	private ScalarFunction f;

	/** The kernel along the axis (the one axis of the 2^20 vector), or null. */
	private AxisFunction axisFunction;

	private Lanes lanes;

	private double[] in;

	private double[] out;

	private double[] firstHalf;

	private double[] secondHalf;

	private double[] firstOut;

	private double[] secondOut;

	@Setup
	public void setUp() {
		// the catalog's kernel with every parameter at its default, as the service binds it
		Activation activation = Catalog.find(this.function).orElseThrow();
		Kernel kernel = activation.bind(activation.defaults());
		if (kernel instanceof Kernel.Elementwise elementwise) {
			this.f = elementwise.function();
		}
		else {
			this.axisFunction = ((Kernel.AlongAxis) kernel).function();
			this.lanes = new Lanes(1, N, 1);
		}
		SplittableRandom random = new SplittableRandom(42);
		this.in = new double[N];
		for (int i = 0; i < N; i++) {
			this.in[i] = random.nextDouble(-10.0, 10.0);
		}
		if ("log1mexp".equals(this.function)) {
			// its domain is x > 0: |x| (as bench/torch_kernels.py)
			for (int i = 0; i < N; i++) {
				this.in[i] = Math.abs(this.in[i]);
			}
		}
		// crelu doubles the axis, logsumexp and logmeanexp reduce it to one element
		this.out = new double[(this.axisFunction != null) ? this.axisFunction.outputLength(N) : N];
		this.firstHalf = java.util.Arrays.copyOfRange(this.in, 0, N / 2);
		this.secondHalf = java.util.Arrays.copyOfRange(this.in, N / 2, N);
		this.firstOut = new double[N / 2];
		this.secondOut = new double[N / 2];
	}

	@Benchmark
	public long service() {
		if (this.f == null) {
			return this.axisFunction.apply(this.in, this.lanes, this.out);
		}
		return this.f.applyAll(this.in, this.out);
	}

	@Benchmark
	public double[] scalarLoop() {
		ScalarFunction g = this.f;
		if (g == null) {
			throw new UnsupportedOperationException(this.function + " is along an axis: run only service");
		}
		double[] x = this.in;
		double[] y = this.out;
		for (int i = 0; i < x.length; i++) {
			y[i] = g.value(x[i]);
		}
		return y;
	}

	@Benchmark
	public long split() {
		if (this.f == null) {
			throw new UnsupportedOperationException(this.function + " is along an axis: run only service");
		}
		ForkJoinTask<Long> other = ForkJoinPool.commonPool().submit(() -> this.f.applyAll(this.secondHalf, this.secondOut));
		long events = this.f.applyAll(this.firstHalf, this.firstOut);
		return events + other.join();
	}

}
