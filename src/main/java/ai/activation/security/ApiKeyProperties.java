package ai.activation.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Optional API-key authentication, under {@code activation.security}.
 */
@ConfigurationProperties("activation.security")
public class ApiKeyProperties {

	/**
	 * The keys a caller may present in the {@code X-API-Key} header. When any is set,
	 * every request but {@code GET}, {@code HEAD} and {@code OPTIONS} (so every
	 * {@code POST /activate/{function}}) needs one of them and is otherwise answered 401;
	 * the catalog, documentation and plots stay open. Empty by default: authentication is
	 * off.
	 */
	private List<String> apiKeys = new ArrayList<>();

	public List<String> getApiKeys() {
		return this.apiKeys;
	}

	public void setApiKeys(List<String> apiKeys) {
		this.apiKeys = apiKeys;
	}

}
