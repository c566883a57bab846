package ai.activation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Speaks HTTP/1.1 over a plain socket, for what the JDK client will not send: a
 * {@code Content-Length} without its body, a chunked body cut off midway, an oversized
 * request line. Reads one response, with a {@code Content-Length}, chunked or
 * close-delimited body.
 */
public final class RawHttpClient {

	private static final int TIMEOUT_MILLIS = 20_000;

	private final int port;

	public RawHttpClient(int port) {
		this.port = port;
	}

	/**
	 * Writes the parts one after the other, flushing each, stops sending (as a client
	 * does that gives up on its body), then reads one response.
	 */
	public Response exchange(byte[]... parts) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			for (byte[] part : parts) {
				out.write(part);
				out.flush();
			}
			socket.shutdownOutput();
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Response exchange(String request) {
		return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
	}

	/** One chunk of a chunked body, in the wire format. */
	public static byte[] chunk(String data) {
		byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream chunk = new ByteArrayOutputStream();
		chunk.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		chunk.writeBytes(bytes);
		chunk.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		return chunk.toByteArray();
	}

	private static Response read(InputStream in) throws IOException {
		String statusLine = line(in);
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = line(in); !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (headers.containsKey("content-length")) {
			body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
				body.writeBytes(in.readNBytes(size));
				line(in);
			}
		}
		else {
			body.writeBytes(in.readAllBytes());
		}
		return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new IOException("The connection closed in the middle of a response: " + line);
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	/**
	 * One response.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body as text
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
