package ai.activation.activate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.activation.engine.ActivationEngine;
import ai.activation.engine.Invocation;
import ai.activation.engine.Mode;
import ai.activation.engine.PreparedCall;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Resolves a {@link FunctionCall} from the {@code {function}} path variable and the query
 * string, through the {@link ActivationEngine}: 404 for an unknown function and 400 for a
 * bad parameter, as {@code POST /activate/{function}} answers them. Query parameters
 * named in the handler parameter's {@link ReservedQueryParameters} belong to the
 * endpoint, and the codec's ({@code dtype}, {@code shape}) to no function; both are left
 * out of the function's arguments.
 */
class FunctionCallArgumentResolver implements HandlerMethodArgumentResolver {

	private final ActivationEngine engine;

	FunctionCallArgumentResolver(ActivationEngine engine) {
		this.engine = engine;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == FunctionCall.class;
	}

	@Override
	public FunctionCall resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		Map<String, String[]> query = new LinkedHashMap<>(TensorRequests.functionParameters(request.getParameterMap()));
		ReservedQueryParameters reserved = parameter.getParameterAnnotation(ReservedQueryParameters.class);
		if (reserved != null) {
			query.keySet().removeAll(List.of(reserved.value()));
		}
		PreparedCall call = this.engine.prepare(variables.get("function"), Mode.VALUE, Invocation.textArguments(query));
		return new FunctionCall(call.function(), call.arguments());
	}

}
