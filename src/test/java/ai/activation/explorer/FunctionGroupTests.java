package ai.activation.explorer;

import java.util.Arrays;
import java.util.List;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer's groups cover the catalog: every function in exactly one, none left in
 * {@link FunctionGroup#OTHER}, the seed's five first in the seed's order.
 */
class FunctionGroupTests {

	@Test
	void everyCatalogFunctionIsPlacedInAGroupOtherThanOther() {
		assertThat(Catalog.all())
			.allSatisfy((function) -> assertThat(FunctionGroup.of(function)).as(function.canonicalName())
				.isNotEqualTo(FunctionGroup.OTHER));
	}

	@Test
	void theGroupsListEveryFunctionExactlyOnce() {
		List<Activation> listed = Arrays.stream(FunctionGroup.values())
			.flatMap((group) -> group.members(Catalog.all()).stream())
			.toList();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(Catalog.all());
	}

	@Test
	void theSeedComesFirstInTheSeedsOrder() {
		assertThat(FunctionGroup.values()[0]).isEqualTo(FunctionGroup.SEED);
		assertThat(FunctionGroup.SEED.members(Catalog.all()).stream().map(Activation::canonicalName))
			.containsExactly("step", "sigmoid", "relu", "softmax", "identity");
	}

	@Test
	void everyFunctionAlongAnAxisOutsideTheSeedIsInThatGroupAndNoOther() {
		for (Activation function : Catalog.all()) {
			FunctionGroup group = FunctionGroup.of(function);
			if (group != FunctionGroup.SEED) {
				assertThat(group == FunctionGroup.ALONG_AN_AXIS).as(function.canonicalName())
					.isEqualTo(function.alongAxis());
			}
		}
	}

	@Test
	void theSlicesOfFunctionsOfAVectorAreThoseThePlotDraws() {
		assertThat(CurveSlice.of(Activation.SOFTMAX)).isEqualTo(new CurveSlice(2, List.of(0), 2, false));
		assertThat(CurveSlice.of(Activation.SPARSEMAX)).isEqualTo(new CurveSlice(2, List.of(0), 2, false));
		assertThat(CurveSlice.of(Activation.GLU)).isEqualTo(new CurveSlice(2, List.of(0, 1), 1, false));
		assertThat(CurveSlice.of(Activation.SOFTMAX2D)).isEqualTo(new CurveSlice(2, List.of(0), 2, true));
	}

}
