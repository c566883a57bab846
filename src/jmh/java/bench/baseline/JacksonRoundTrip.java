package bench.baseline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import tools.jackson.databind.json.JsonMapper;

/**
 * The in-process reference of the 1M JSON target in {@code bench/load.sh}: plain Jackson
 * databind reads {@code {"values": [...]}} from a file's bytes into a {@code double[]}
 * and writes it back, after a warm-up; prints the median of the timed repetitions in ms.
 */
public final class JacksonRoundTrip {

	private static final int WARMUP = 15;

	private static final int REPETITIONS = 15;

	private JacksonRoundTrip() {
	}

	public static void main(String[] args) throws Exception {
		byte[] body = Files.readAllBytes(Path.of(args[0]));
		JsonMapper mapper = JsonMapper.builder().build();
		long sink = 0;
		for (int i = 0; i < WARMUP; i++) {
			sink += mapper.writeValueAsBytes(mapper.readValue(body, BaselineApplication.Values.class)).length;
		}
		double[] ms = new double[REPETITIONS];
		for (int i = 0; i < REPETITIONS; i++) {
			long start = System.nanoTime();
			sink += mapper.writeValueAsBytes(mapper.readValue(body, BaselineApplication.Values.class)).length;
			ms[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(ms);
		System.out.printf("RESULT median_ms=%.3f min_ms=%.3f bytes=%d%n", ms[REPETITIONS / 2], ms[0], sink);
	}

}
