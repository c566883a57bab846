package ai.activation.activate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Resolves a {@link FunctionCall} from the {@code {function}} path variable and the query
 * string. Declared before the body in a handler's parameters, it answers 404 for an
 * unknown function and 400 for a bad parameter before the body is read. Query parameters
 * named in the handler parameter's {@link ReservedQueryParameters} belong to the endpoint
 * and are left out of the function's arguments.
 */
class FunctionCallArgumentResolver implements HandlerMethodArgumentResolver {

	private final ArgumentBinder binder;

	FunctionCallArgumentResolver(ArgumentBinder binder) {
		this.binder = binder;
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
		String name = variables.get("function");
		Activation function = Catalog.find(name).orElseThrow(() -> new UnknownFunctionException(name));
		Map<String, String[]> query = request.getParameterMap();
		ReservedQueryParameters reserved = parameter.getParameterAnnotation(ReservedQueryParameters.class);
		if (reserved != null) {
			query = new LinkedHashMap<>(query);
			query.keySet().removeAll(List.of(reserved.value()));
		}
		return new FunctionCall(function, this.binder.bind(function, query));
	}

}
