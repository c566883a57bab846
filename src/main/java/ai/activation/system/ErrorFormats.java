package ai.activation.system;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The {@link ErrorFormat}s the features register, consulted wherever an error body is
 * written.
 */
@Component
class ErrorFormats {

	private final List<ErrorFormat> formats;

	ErrorFormats(ObjectProvider<ErrorFormat> formats) {
		this.formats = formats.orderedStream().toList();
	}

	/**
	 * Finds the format that owns a request's errors.
	 * @param request the request, or {@code null} outside a servlet request
	 * @return the format, or empty for RFC 9457 problems
	 */
	Optional<ErrorFormat> of(HttpServletRequest request) {
		if (request == null) {
			return Optional.empty();
		}
		return this.formats.stream().filter((format) -> format.appliesTo(request)).findFirst();
	}

}
