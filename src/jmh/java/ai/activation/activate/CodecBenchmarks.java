package ai.activation.activate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import ai.activation.catalog.Activation;
import ai.activation.engine.ActivationResult;
import ai.activation.kernel.Tensor;
import ai.activation.limits.LimitsProperties;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;

/**
 * ms per operation on 1,000,000 doubles (uniform in [−10, 10], 17 significant digits):
 * the service's JSON reader and writer, Jackson's generator with and without the fast
 * double writer, plain Jackson databind read + write of {@code {"values": [...]}} (the
 * reference of the 1.5× end-to-end target), and the binary codec. Run with
 * {@code -prof gc} for bytes allocated per operation ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = { "--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmarks {

	static final int N = 1_000_000;

	private static final JsonFactory PLAIN = JsonFactory.builder().build();

	private static final JsonFactory FAST = JsonFactory.builder()
		.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
		.build();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private double[] values;

	private byte[] json;

	private byte[] binary;

	private ActivationResult result;

	private final BinaryTensorCodec codec = new BinaryTensorCodec(LimitsProperties.DEFAULT_MAX_VALUES);

	/** The service's reader with its default limits; the benchmark reserves nothing. */
	private final JsonTensorReader reader = new JsonTensorReader(new LimitsProperties(), (values) -> {
	});

	/** The body of {@code {"values": [...]}} for Jackson databind. */
	public record Values(double[] values) {
	}

	@Setup
	public void setUp() throws IOException {
		SplittableRandom random = new SplittableRandom(42);
		this.values = new double[N];
		StringBuilder body = new StringBuilder("{\"values\":[");
		for (int i = 0; i < N; i++) {
			this.values[i] = random.nextDouble(-10.0, 10.0);
			body.append((i > 0) ? "," : "").append(this.values[i]);
		}
		this.json = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
		this.result = new ActivationResult(Activation.SIGMOID, new Tensor(this.values, new int[] { N }), 0);
		Message message = new Message(new ByteArrayOutputStream());
		this.codec.write(this.result, TensorEncoding.DEFAULT, message);
		this.binary = ((ByteArrayOutputStream) message.body).toByteArray();
	}

	@Benchmark
	public Tensor jsonRead() {
		return this.reader.read(new ByteArrayInputStream(this.json));
	}

	@Benchmark
	public void jsonWrite() {
		JsonResultWriter.write(this.result, OutputStream.nullOutputStream());
	}

	@Benchmark
	public void generatorWritePlain() {
		try (JsonGenerator generator = PLAIN.createGenerator(ObjectWriteContext.empty(),
				OutputStream.nullOutputStream())) {
			generator.writeArray(this.values, 0, N);
		}
	}

	@Benchmark
	public void generatorWriteFast() {
		try (JsonGenerator generator = FAST.createGenerator(ObjectWriteContext.empty(),
				OutputStream.nullOutputStream())) {
			generator.writeArray(this.values, 0, N);
		}
	}

	@Benchmark
	public byte[] databindReadWrite() {
		return MAPPER.writeValueAsBytes(MAPPER.readValue(this.json, Values.class));
	}

	@Benchmark
	public Tensor binaryRead() throws IOException {
		return this.codec.read(new ByteArrayInputStream(this.binary), this.binary.length, TensorEncoding.DEFAULT);
	}

	@Benchmark
	public void binaryWrite() throws IOException {
		this.codec.write(this.result, TensorEncoding.DEFAULT, new Message(OutputStream.nullOutputStream()));
	}

	private record Message(OutputStream body) implements HttpOutputMessage {

		@Override
		public OutputStream getBody() {
			return this.body;
		}

		@Override
		public HttpHeaders getHeaders() {
			return new HttpHeaders();
		}

	}

}
