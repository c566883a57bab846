package ai.activation.openapi;

import java.util.List;

import ai.activation.catalog.Activation;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import org.junit.jupiter.api.Test;

import org.springframework.web.method.HandlerMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A handler argument resolved from {@code {function}} and the query is documented as the
 * path parameter, not as a query object; other arguments are left alone.
 */
class FunctionCallOperationCustomizerTests {

	private final FunctionCallOperationCustomizer customizer = new FunctionCallOperationCustomizer();

	@Test
	void aFunctionCallArgumentBecomesTheFunctionPathParameter() throws Exception {
		Operation operation = new Operation().description("Draws a graph.")
			.parameters(List.of(query("call"), query("from")));
		this.customizer.customize(operation, handler("plot", Call.class, String.class));
		assertThat(operation.getParameters()).extracting(Parameter::getName, Parameter::getIn)
			.containsExactly(tuple("function", "path"), tuple("from", "query"));
		assertThat(operation.getParameters().get(0).getRequired()).isTrue();
		assertThat(operation.getDescription()).startsWith("Draws a graph.").contains("function's own parameters");
	}

	@Test
	void anOperationWithoutAFunctionCallIsLeftAlone() throws Exception {
		Operation operation = new Operation().parameters(List.of(query("name")));
		this.customizer.customize(operation, handler("describe", String.class));
		assertThat(operation.getParameters()).extracting(Parameter::getName).containsExactly("name");
		assertThat(operation.getDescription()).isNull();
	}

	private static Parameter query(String name) {
		return new QueryParameter().name(name).schema(new Schema<>().type("string"));
	}

	private static HandlerMethod handler(String name, Class<?>... types) throws NoSuchMethodException {
		return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(name, types));
	}

	record Call(Activation function) {
	}

	static class Handlers {

		String plot(Call call, String from) {
			return call.function().canonicalName() + from;
		}

		String describe(String name) {
			return name;
		}

	}

}
