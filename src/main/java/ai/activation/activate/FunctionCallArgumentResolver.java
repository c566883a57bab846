package ai.activation.activate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Resolves a {@link FunctionCall} from the {@code {function}} path variable and the query
 * string, and, for a call with a body, the call's {@link TensorEncoding} into a request
 * attribute for the binary codec. Declared before the body in a handler's parameters, it
 * answers 404 for an unknown function and 400 for a bad parameter before the body is
 * read. Query parameters named in the handler parameter's {@link ReservedQueryParameters}
 * belong to the endpoint and are left out of the function's arguments.
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
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws HttpMediaTypeNotSupportedException {
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
		FunctionCall call = new FunctionCall(function, this.binder.bind(function, query));
		if (!HttpMethod.POST.matches(request.getMethod())) {
			// A GET (a graph) has no body to decode.
			return call;
		}
		if (request.getContentType() == null) {
			// MVC takes a body without Content-Type for application/octet-stream; say so
			// instead.
			HttpMediaTypeNotSupportedException ex = new HttpMediaTypeNotSupportedException(null,
					List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM), HttpMethod.POST);
			ex.getBody()
				.setDetail("The request has no Content-Type; send application/json or application/octet-stream.");
			throw ex;
		}
		TensorEncoding encoding = TensorEncoding.of(request.getParameterMap());
		if (encoding.shape() != null && !isBinary(request.getContentType())) {
			throw new InvalidParameterException(TensorEncoding.SHAPE, "only with an application/octet-stream body",
					"Parameter 'shape' describes an application/octet-stream body; a JSON body gives its shape "
							+ "by the nesting of 'values'.");
		}
		webRequest.setAttribute(TensorEncoding.ATTRIBUTE, encoding, RequestAttributes.SCOPE_REQUEST);
		return call;
	}

	private static boolean isBinary(String contentType) {
		try {
			return contentType != null
					&& MediaType.APPLICATION_OCTET_STREAM.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
