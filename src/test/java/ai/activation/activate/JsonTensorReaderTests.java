package ai.activation.activate;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.activation.engine.InvalidBodyException;
import ai.activation.engine.TooManyValuesException;
import ai.activation.kernel.Tensor;
import ai.activation.limits.LimitsProperties;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonTensorReaderTests {

	@Test
	void vectorShouldBeReadIntoValuesAndShape() {
		Tensor tensor = read("{\"values\": [1, -2.5, 3e-300, -0, 1.7976931348623157e308]}");
		assertThat(tensor.shape()).containsExactly(5);
		assertThat(tensor.values()).containsExactly(1, -2.5, 3e-300, -0.0, Double.MAX_VALUE);
		assertThat(Double.doubleToRawLongBits(tensor.values()[3])).isEqualTo(Double.doubleToRawLongBits(-0.0));
	}

	@Test
	void nestedArraysShouldBeReadRowMajorWithTheirShape() {
		Tensor tensor = read("{\"values\": [[[1,2,3],[4,5,6]],[[7,8,9],[10,11,12]]]}");
		assertThat(tensor.shape()).containsExactly(2, 2, 3);
		assertThat(tensor.values()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
	}

	@Test
	void rankEightShouldBeAccepted() {
		Tensor tensor = read("{\"values\": [[[[[[[[1, 2]]]]]]]]}");
		assertThat(tensor.shape()).containsExactly(1, 1, 1, 1, 1, 1, 1, 2);
	}

	@Test
	void largeVectorShouldGrowTheBuffer() {
		StringBuilder json = new StringBuilder("{\"values\": [0");
		for (int i = 1; i < 10_000; i++) {
			json.append(',').append(i);
		}
		Tensor tensor = read(json.append("]}").toString());
		assertThat(tensor.shape()).containsExactly(10_000);
		assertThat(tensor.values()[9_999]).isEqualTo(9_999);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = { "``|``|empty", "`null`|``|JSON object",
			"`[1, 2]`|``|JSON object", "`{}`|/values|missing", "`{\"values\": []}`|/values|Empty array",
			"`{\"values\": [[]]}`|/values/0|Empty array", "`{\"values\": [[1], []]}`|/values/1|Empty array",
			"`{\"values\": 3}`|/values|must be an array", "`{\"values\": null}`|/values|must be an array",
			"`{\"values\": [1, 2, \"3\"]}`|/values/2|not a string",
			"`{\"values\": [[1, 2], [3, null]]}`|/values/1/1|not null",
			"`{\"values\": [[1, 2], [true, 4]]}`|/values/1/0|not a boolean",
			"`{\"values\": [1, {\"a\": 1}]}`|/values/1|not an object", "`{\"values\": [[1, 2], [3]]}`|/values/1|Ragged",
			"`{\"values\": [[1], [2, 3]]}`|/values/1/1|Ragged", "`{\"values\": [1, [2]]}`|/values/1|Mixed nesting",
			"`{\"values\": [[1], 2]}`|/values/1|Mixed nesting", "`{\"values\": [1, NaN]}`|/values/1|not valid JSON",
			"`{\"values\": [Infinity]}`|/values/0|not valid JSON",
			"`{\"values\": [-Infinity]}`|/values/0|not valid JSON", "`{\"values\": [\"NaN\"]}`|/values/0|not a string",
			"`{\"values\": [1, 1e400]}`|/values/1|beyond the range",
			"`{\"values\": [-1e400]}`|/values/0|beyond the range", "`{\"values\": [1], \"values\": [2]}`|/values|twice",
			"`{\"values\": [1], \"extra\": 1}`|/extra|Unknown field", "`{\"values\": [1]} {}`|``|after the end",
			"`{\"values\": [1]} x`|``|not valid JSON", "`{\"values\": [1, 2`|/values/2|not valid JSON",
			"`{\"values\": [1,, 2]}`|/values/1|not valid JSON",
			"`{\"values\": [[[[[[[[[1]]]]]]]]]}`|/values/0/0/0/0/0/0/0/0|maximum rank 8" })
	void invalidBodyShouldNameTheFirstOffendingPlace(String json, String pointer, String detail) {
		assertThatExceptionOfType(InvalidBodyException.class).isThrownBy(() -> read(json))
			.satisfies((ex) -> assertThat(ex.getPointer()).isEqualTo(pointer))
			.withMessageContaining(detail);
	}

	@Test
	void invalidUtf8ShouldBeRejected() {
		byte[] body = { '{', '"', 'v', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' };
		assertThatExceptionOfType(InvalidBodyException.class)
			.isThrownBy(() -> new JsonTensorReader(new LimitsProperties(), (values) -> {
			}).read(new ByteArrayInputStream(body)))
			.withMessageContaining("UTF-8");
	}

	@Test
	void nestingBombShouldBeRejectedEarly() {
		String json = "{\"values\": " + "[".repeat(100_000) + "1" + "]".repeat(100_000) + "}";
		assertThatExceptionOfType(InvalidBodyException.class).isThrownBy(() -> read(json))
			.withMessageContaining("maximum rank 8");
	}

	@Test
	void errorMessagesShouldNotMentionJavaInternals() {
		assertThatExceptionOfType(InvalidBodyException.class).isThrownBy(() -> read("{\"values\": [1, 2"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("Source", "StreamReadFeature", "java."));
	}

	@Test
	void anEndlessBodyShouldStopAtTheFirstValueBeyondTheDefaultMaximumWithoutReservingMore() {
		LimitsProperties limits = new LimitsProperties();
		long[] reserved = new long[1];
		JsonTensorReader reader = new JsonTensorReader(limits, (values) -> reserved[0] += values);
		assertThatExceptionOfType(TooManyValuesException.class).isThrownBy(() -> reader.read(endlessValues()))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(413))
			.satisfies((ex) -> assertThat(ex.getBody().getProperties()).containsEntry("maxValues", 4_194_304));
		assertThat(reserved[0]).isEqualTo(4_194_304);
	}

	@Test
	void exactlyTheMaximumNumberOfValuesShouldBeRead() {
		LimitsProperties limits = new LimitsProperties();
		limits.setMaxValues(10);
		JsonTensorReader reader = new JsonTensorReader(limits, (values) -> {
		});
		assertThat(reader.read(utf8("{\"values\": [[1,2,3,4,5],[6,7,8,9,10]]}")).values()).hasSize(10);
		assertThatExceptionOfType(TooManyValuesException.class)
			.isThrownBy(() -> reader.read(utf8("{\"values\": [1,2,3,4,5,6,7,8,9,10,11]}")))
			.withMessageContaining("more than the 10 values");
	}

	@Test
	void aConfiguredMaximumRankShouldBeHeldTo() {
		LimitsProperties limits = new LimitsProperties();
		limits.setMaxRank(3);
		JsonTensorReader reader = new JsonTensorReader(limits, (values) -> {
		});
		assertThat(reader.read(utf8("{\"values\": [[[1]]]}")).shape()).containsExactly(1, 1, 1);
		assertThatExceptionOfType(InvalidBodyException.class)
			.isThrownBy(() -> reader.read(utf8("{\"values\": [[[[1]]]]}")))
			.withMessageContaining("maximum rank 3")
			.satisfies((ex) -> assertThat(ex.getPointer()).isEqualTo("/values/0/0/0"));
	}

	@Test
	void nestingDeeperThanTheParserTakesShouldBeAnInvalidBody() {
		LimitsProperties limits = new LimitsProperties();
		limits.setMaxNestingDepth(4);
		JsonTensorReader reader = new JsonTensorReader(limits, (values) -> {
		});
		assertThat(reader.read(utf8("{\"values\": [[[1]]]}")).rank()).isEqualTo(3);
		assertThatExceptionOfType(InvalidBodyException.class)
			.isThrownBy(() -> reader.read(utf8("{\"values\": [[[[1]]]]}")))
			.withMessageContaining("nesting depth (5) exceeds the maximum allowed (4)")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("StreamReadConstraints", "`"));
	}

	@Test
	void aNumberLongerThanTheDefaultMaximumShouldBeAnInvalidBody() {
		String justLongEnough = "0." + "1".repeat(999); // 1000 digits
		assertThat(read("{\"values\": [" + justLongEnough + "]}").values()).containsExactly(0.1111111111111111);
		assertThatExceptionOfType(InvalidBodyException.class)
			.isThrownBy(() -> read("{\"values\": [" + justLongEnough + "1]}"))
			.withMessageContaining("Number value length")
			.satisfies((ex) -> assertThat(ex.getPointer()).isEqualTo("/values/0"));
	}

	@Test
	void aDocumentLongerThanTheMaximumShouldBeAnInvalidBody() {
		LimitsProperties limits = new LimitsProperties();
		limits.setMaxDocumentLength(DataSize.ofBytes(100));
		JsonTensorReader reader = new JsonTensorReader(limits, (values) -> {
		});
		String body = "{\"values\": [" + "1,".repeat(60) + "1]}";
		assertThatExceptionOfType(InvalidBodyException.class).isThrownBy(() -> reader.read(utf8(body)))
			.withMessageContaining("Document length");
	}

	@Test
	void aRefusedReservationShouldStopTheReadUnchanged() {
		IllegalStateException refusal = new IllegalStateException("no room");
		JsonTensorReader reader = new JsonTensorReader(new LimitsProperties(), (values) -> {
			throw refusal;
		});
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> reader.read(endlessValues()))
			.isSameAs(refusal);
	}

	/** {"values": [0,0,0,... without end. */
	private static InputStream endlessValues() {
		byte[] prefix = "{\"values\": [".getBytes(StandardCharsets.UTF_8);
		return new InputStream() {

			private long position;

			@Override
			public int read() {
				long at = this.position++;
				return (at < prefix.length) ? prefix[(int) at] : (((at - prefix.length) % 2 == 0) ? '0' : ',');
			}

		};
	}

	private static InputStream utf8(String json) {
		return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
	}

	private static Tensor read(String json) {
		return new JsonTensorReader(new LimitsProperties(), (values) -> {
		}).read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
	}

}
