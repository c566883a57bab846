package ai.activation.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;

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
 * ns per element of each kernel on 2^20 float64 values uniform in [−10, 10] (as
 * {@code bench/torch_kernels.py}), one thread: {@code service} is the path the service
 * runs ({@link ScalarFunction#applyAll}, vector where there is one), {@code scalarLoop}
 * the plain loop over {@link ScalarFunction#value}, in the same run. {@code split} runs
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

	@Param({ "sigmoid", "tanh", "relu", "gelu", "silu" })
	String function;

	private ScalarFunction f;

	private double[] in;

	private double[] out;

	private double[] firstHalf;

	private double[] secondHalf;

	private double[] firstOut;

	private double[] secondOut;

	@Setup
	public void setUp() {
		this.f = switch (this.function) {
			case "sigmoid" -> Logistic.SIGMOID;
			case "tanh" -> Hyperbolic.TANH;
			case "relu" -> Piecewise.RELU;
			case "gelu" -> Gaussian.GELU;
			case "silu" -> Logistic.SILU;
			default -> throw new IllegalArgumentException(this.function);
		};
		SplittableRandom random = new SplittableRandom(42);
		this.in = new double[N];
		for (int i = 0; i < N; i++) {
			this.in[i] = random.nextDouble(-10.0, 10.0);
		}
		this.out = new double[N];
		this.firstHalf = java.util.Arrays.copyOfRange(this.in, 0, N / 2);
		this.secondHalf = java.util.Arrays.copyOfRange(this.in, N / 2, N);
		this.firstOut = new double[N / 2];
		this.secondOut = new double[N / 2];
	}

	@Benchmark
	public long service() {
		return this.f.applyAll(this.in, this.out);
	}

	@Benchmark
	public double[] scalarLoop() {
		ScalarFunction g = this.f;
		double[] x = this.in;
		double[] y = this.out;
		for (int i = 0; i < x.length; i++) {
			y[i] = g.value(x[i]);
		}
		return y;
	}

	@Benchmark
	public long split() {
		ForkJoinTask<Long> other = ForkJoinPool.commonPool().submit(() -> this.f.applyAll(this.secondHalf, this.secondOut));
		long events = this.f.applyAll(this.firstHalf, this.firstOut);
		return events + other.join();
	}

}
