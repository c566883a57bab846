package ai.activation.activate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the query parameters that belong to an endpoint rather than to the function, on a
 * {@link FunctionCall} handler parameter: they are not bound as the function's arguments,
 * so they are neither rejected as unknown nor validated as the function's. Every other
 * query parameter is bound and validated as for {@code POST /activate/{function}}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ReservedQueryParameters {

	/**
	 * Returns the names of the endpoint's own query parameters.
	 * @return the names, exactly as they appear in the query string
	 */
	String[] value();

}
