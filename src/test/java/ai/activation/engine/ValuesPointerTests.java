package ai.activation.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ValuesPointer}: flat row-major indices to RFC 6901 JSON Pointers.
 */
class ValuesPointerTests {

	@Test
	void aVectorIndexIsItsOwnPointer() {
		assertThat(ValuesPointer.of(0, new int[] { 5 })).isEqualTo("/values/0");
		assertThat(ValuesPointer.of(4, new int[] { 5 })).isEqualTo("/values/4");
	}

	@Test
	void aFlatIndexIsSplitRowMajorAcrossTheShape() {
		assertThat(ValuesPointer.of(5, new int[] { 2, 3 })).isEqualTo("/values/1/2");
		assertThat(ValuesPointer.of(3, new int[] { 2, 3 })).isEqualTo("/values/1/0");
		assertThat(ValuesPointer.of(11, new int[] { 2, 2, 3 })).isEqualTo("/values/1/1/2");
		assertThat(ValuesPointer.of(7, new int[] { 2, 2, 3 })).isEqualTo("/values/1/0/1");
	}

}
