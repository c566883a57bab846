package ai.activation.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Catalog} lookup as the web layer relies on it.
 */
class CatalogTests {

	@Test
	void namesAreFoundIgnoringCaseWithDashesForUnderscores() {
		assertThat(Catalog.find("Leaky-ReLU")).contains(Activation.LEAKY_RELU);
		assertThat(Catalog.find("LOG_SOFTMAX")).contains(Activation.LOG_SOFTMAX);
		assertThat(Catalog.find("log-softmax")).contains(Activation.LOG_SOFTMAX);
	}

	@Test
	void aliasesResolveToTheirFunction() {
		assertThat(Catalog.find("swish")).contains(Activation.SILU);
		assertThat(Catalog.find("Hard-Swish")).contains(Activation.HARDSWISH);
		assertThat(Catalog.find("logistic")).contains(Activation.SIGMOID);
	}

	@Test
	void anUnknownNameFindsNothing() {
		assertThat(Catalog.find("nope")).isEmpty();
		assertThat(Catalog.find("")).isEmpty();
	}

	@Test
	void namesListCanonicalNamesFirstThenAliases() {
		assertThat(Catalog.names()).startsWith("step", "identity", "sigmoid").contains("swish", "heaviside");
		assertThat(Catalog.names().subList(0, Activation.values().length))
			.containsExactly(Catalog.all().stream().map(Activation::canonicalName).toArray(String[]::new));
	}

	@Test
	void everyNumberParameterHasARangeAndEveryDefaultIsAllowed() {
		for (Activation function : Activation.values()) {
			for (Parameter parameter : function.parameters()) {
				if (parameter.type() == Parameter.Type.NUMBER) {
					assertThat(parameter.range()).as(parameter.name()).isNotNull();
					if (parameter.defaultValue() != null) {
						assertThat(parameter.range().contains((Double) parameter.defaultValue()))
							.as("%s.%s default", function.canonicalName(), parameter.name())
							.isTrue();
					}
				}
			}
		}
	}

}
