package ai.activation.activate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import ai.activation.engine.InvalidBodyException;
import ai.activation.engine.TooManyValuesException;
import ai.activation.kernel.Tensor;
import ai.activation.limits.LimitsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The two-thread parse of large flat bodies against the one streaming Jackson reader: the
 * same values, bit for bit, where it takes a body, and where it does not, the reader's
 * own answer, fault and pointer included.
 */
class LargeJsonValuesTests {

	private static final ExecutorService POOL = Executors.newSingleThreadExecutor();

	private static final AtomicInteger HANDED_OVER = new AtomicInteger();

	private static final Executor COUNTING = (task) -> {
		HANDED_OVER.incrementAndGet();
		POOL.execute(task);
	};

	private static final Executor BUSY = (task) -> {
		throw new RejectedExecutionException("busy");
	};

	/** RFC 8259 §6, written out as a regular expression: the reference of the matcher. */
	private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

	@AfterAll
	static void stop() {
		POOL.shutdownNow();
	}

	@Test
	void largeFlatBodiesShouldReadAsTheStreamingReaderReadsThem() {
		for (long seed = 1; seed <= 4; seed++) {
			String body = flatBody(seed, 70_000);
			assertThat(body.length()).isGreaterThan(LargeJsonValues.SHARED_BYTES);
			Tensor streamed = reader(COUNTING, (n) -> {
			}).readValue(stream(body)).values();
			int before = HANDED_OVER.get();
			Tensor onHelper = large(COUNTING, 10_000_000).parse(bytes(body), bytes(body).length);
			assertThat(HANDED_OVER.get() - before).as("both passes handed over").isEqualTo(2);
			Tensor inLine = large(BUSY, 10_000_000).parse(bytes(body), bytes(body).length);
			assertThat(onHelper).as("seed %d on the helper", seed).isNotNull().isEqualTo(streamed);
			assertThat(inLine).as("seed %d in line", seed).isNotNull().isEqualTo(streamed);
		}
	}

	@Test
	void theReaderShouldTakeTheTwoThreadPathOnlyWithALargeEnoughLength() {
		String body = flatBody(9, 70_000);
		List<Long> reserved = new ArrayList<>();
		JsonTensorReader reader = reader(COUNTING, reserved::add);
		int before = HANDED_OVER.get();
		Inputs read = reader.readValue(stream(body), bytes(body).length);
		assertThat(HANDED_OVER.get() - before).isEqualTo(2);
		// The held body at 32 bytes a value, then the values in one array.
		assertThat(reserved).containsExactly((long) (bytes(body).length + 31) / 32, 70_000L);
		assertThat(read.values()).isEqualTo(reader.readValue(stream(body)).values());
		assertThat(read.grad()).isNull();
		assertThat(read.mask()).isNull();
		before = HANDED_OVER.get();
		reader.readValue(stream(body), -1);
		assertThat(HANDED_OVER.get() - before).as("no length, streamed").isZero();
	}

	@Test
	void aRefusedReservationShouldStopTheReadBeforeTheValuesAreHeld() {
		String body = flatBody(3, 70_000);
		List<Long> asked = new ArrayList<>();
		JsonTensorReader reader = reader(BUSY, (n) -> {
			asked.add(n);
			if (n == 70_000) {
				throw new IllegalStateException("budget spent");
			}
		});
		assertThatThrownBy(() -> reader.readValue(stream(body), bytes(body).length))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("budget spent");
		assertThat(asked).hasSize(2);
	}

	@Test
	void bodiesOutsideTheSubsetShouldGetTheStreamingReadersAnswer() {
		String good = flatBody(5, 70_000);
		String array = good.substring(good.indexOf('['), good.lastIndexOf(']') + 1);
		String middle = ",";
		int cut = array.indexOf(',', array.length() / 2);
		List<String> bodies = new ArrayList<>();
		for (String bad : new String[] { "01", "+1", ".5", "5.", "1e", "1e+", "-", "--1", "1 2", "1e400", "-1e400",
				"NaN", "Infinity", "true", "null", "\"1\"", "[1]", "{}", "", "1.5e3e2", "0x10", "1,", ",1" }) {
			bodies
				.add("{\"values\":" + array.substring(0, cut) + middle + bad + middle + array.substring(cut + 1) + "}");
		}
		bodies.add("{\"values\":[[" + array.substring(1) + "]}");
		bodies.add("{\"values\":" + array + ",\"mask\":" + array.replaceAll("[^,\\[\\]]+", "true") + "}");
		bodies.add("{\"values\":" + array + "} x");
		bodies.add("{\"values\":" + array + "}}");
		bodies.add("{\"\\u0076alues\":" + array + "}");
		bodies.add("{\"values\":" + array + ",\"values\":[1]}");
		bodies.add("{\"other\":" + array + "}");
		bodies.add("[" + array + "]");
		bodies.add("{\"values\":" + array.replace(",", ", \u00a0") + "}");
		bodies.add("{\"values\":" + array + "  ");
		bodies.add("{\"values\":[" + "1.".repeat(1) + "0".repeat(2_000_000) + "]}");
		for (String body : bodies) {
			assertThat(large(BUSY, 10_000_000).parse(bytes(body), bytes(body).length)).as("%s", abbreviate(body))
				.isNull();
			assertSameAnswer(body);
		}
	}

	@Test
	void bodiesWithinTheSubsetShouldBeTakenWhateverTheirSpacing() {
		String spaced = "\r\n { \t\"values\" :\n[ " + String.join(" ,\n\t", tokens(8, 120_000)) + " ] \n} \r\n";
		Tensor parsed = large(COUNTING, 10_000_000).parse(bytes(spaced), bytes(spaced).length);
		assertThat(parsed).isNotNull().isEqualTo(reader(BUSY, (n) -> {
		}).readValue(stream(spaced)).values());
	}

	@Test
	void moreThanTheMostValuesShouldGetTheReadersTooManyValues() {
		String body = flatBody(6, 70_000);
		assertThat(large(BUSY, 69_999).parse(bytes(body), bytes(body).length)).isNull();
		assertThat(large(BUSY, 70_000).parse(bytes(body), bytes(body).length)).isNotNull();
		LimitsProperties limits = new LimitsProperties();
		limits.setMaxValues(69_999);
		JsonTensorReader reader = new JsonTensorReader(limits, (n) -> {
		}, BUSY);
		assertThatThrownBy(() -> reader.readValue(stream(body), bytes(body).length))
			.isInstanceOf(TooManyValuesException.class);
	}

	@Test
	void theNumberMatcherShouldAcceptExactlyRfc8259Numbers() {
		SplittableRandom random = new SplittableRandom(8259);
		String alphabet = "0123456789-+.eE";
		int accepted = 0;
		for (int k = 0; k < 200_000; k++) {
			StringBuilder token = new StringBuilder();
			int length = random.nextInt(1, 8);
			for (int i = 0; i < length; i++) {
				token.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			byte[] b = bytes(token.toString());
			boolean matches = NUMBER.matcher(token).matches();
			accepted += matches ? 1 : 0;
			assertThat(LargeJsonValues.number(b, 0, b.length)).as(token.toString()).isEqualTo(matches ? b.length : -1);
		}
		// The random tokens hold numbers as well as non-numbers.
		assertThat(accepted).isBetween(1_000, 199_000);
	}

	/** The same inputs, or the same fault with the same detail and pointer. */
	private static void assertSameAnswer(String body) {
		Inputs[] read = new Inputs[2];
		Throwable streamed = catchThrowable(() -> read[0] = reader(BUSY, (n) -> {
		}).readValue(stream(body)));
		Throwable large = catchThrowable(() -> read[1] = reader(BUSY, (n) -> {
		}).readValue(stream(body), bytes(body).length));
		if (streamed == null) {
			assertThat(large).as("%s", abbreviate(body)).isNull();
			assertThat(read[1].values()).isEqualTo(read[0].values());
			assertThat(read[1].grad()).isEqualTo(read[0].grad());
			assertThat(read[1].mask()).isEqualTo(read[0].mask());
			return;
		}
		assertThat(large).as("%s", abbreviate(body)).isInstanceOf(streamed.getClass());
		if (streamed instanceof InvalidBodyException invalid) {
			InvalidBodyException other = (InvalidBodyException) large;
			assertThat(other.getBody().getDetail()).isEqualTo(invalid.getBody().getDetail());
			assertThat(other.getPointer()).isEqualTo(invalid.getPointer());
		}
	}

	private static String abbreviate(String body) {
		int middle = body.length() / 2;
		return body.substring(0, 30) + " ... " + body.substring(Math.max(30, middle - 40), middle + 40) + " ... "
				+ body.substring(body.length() - 30);
	}

	/** Numbers of many forms: integers, long integers, exponents, fractions, zeros. */
	private static List<String> tokens(long seed, int n) {
		SplittableRandom random = new SplittableRandom(seed);
		List<String> tokens = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			tokens.add(switch (random.nextInt(9)) {
				case 0 -> Long.toString(random.nextLong());
				case 1 -> "-0";
				case 2 -> "123456789012345678901234567890" + random.nextInt(10);
				case 3 -> Double.toString(random.nextDouble(-10, 10));
				case 4 -> random.nextInt(1, 10) + "." + random.nextInt(1000) + "e" + (random.nextInt(600) - 300);
				case 5 -> "-" + random.nextInt(10) + "E+" + random.nextInt(300);
				case 6 -> Double.toString(Double.MIN_VALUE * random.nextInt(1, 1 << 20));
				case 7 -> "0.000000000000000000000000" + random.nextLong(1, Long.MAX_VALUE);
				default -> "0";
			});
		}
		return tokens;
	}

	private static String flatBody(long seed, int n) {
		return "{\"values\":[" + String.join(",", tokens(seed, n)) + "]}";
	}

	private static LargeJsonValues large(Executor helper, int maxValues) {
		return new LargeJsonValues(maxValues, new LimitsProperties().getMaxNumberLength(), (n) -> {
		}, helper);
	}

	private static JsonTensorReader reader(Executor helper, LongConsumer reserve) {
		return new JsonTensorReader(new LimitsProperties(), reserve, helper);
	}

	private static ByteArrayInputStream stream(String body) {
		return new ByteArrayInputStream(bytes(body));
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

}
