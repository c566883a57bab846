package ai.activation.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.activation.catalog.Activation;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents the handler arguments that the {@code /activate} feature resolves itself from
 * the path and the query: a record holding the {@link Activation} named by
 * {@code {function}}, with its arguments. springdoc would show such an argument as one
 * query object, and leave the {@code {function}} path variable undeclared; this puts the
 * path parameter in its place and says that the function's own parameters go in the
 * query.
 */
@Component
class FunctionCallOperationCustomizer implements OperationCustomizer {

	/** The path variable that names the function. */
	static final String FUNCTION = "function";

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		for (MethodParameter argument : handlerMethod.getMethodParameters()) {
			if (isFunctionCall(argument.getParameterType())) {
				replace(operation, argument.getParameterName());
			}
		}
		return operation;
	}

	private static void replace(Operation operation, String argument) {
		List<Parameter> parameters = new ArrayList<>();
		parameters.add(functionParameter());
		if (operation.getParameters() != null) {
			operation.getParameters()
				.stream()
				.filter((parameter) -> !parameter.getName().equals(argument) && !parameter.getName().equals(FUNCTION))
				.forEach(parameters::add);
		}
		operation.setParameters(parameters);
		String note = "The function's own parameters, with their defaults and ranges, are accepted in the query "
				+ "as in its `POST /activate/<name>` operation.";
		operation
			.setDescription((operation.getDescription() != null) ? operation.getDescription() + "\n\n" + note : note);
	}

	/**
	 * Returns the {@code {function}} path parameter.
	 * @return a new parameter
	 */
	static PathParameter functionParameter() {
		PathParameter parameter = new PathParameter();
		parameter.name(FUNCTION)
			.description("A canonical function name or an alias, matched case-insensitively with `-` and `_` alike.")
			.example("sigmoid")
			.schema(Schemas.typed("string"));
		return parameter;
	}

	private static boolean isFunctionCall(Class<?> type) {
		return type.isRecord() && Arrays.stream(type.getRecordComponents())
			.anyMatch((component) -> component.getType() == Activation.class);
	}

}
