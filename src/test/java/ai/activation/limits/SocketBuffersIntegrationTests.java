package ai.activation.limits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The socket write buffer of {@code activation.limits.socket-write-buffer-size} reaches
 * Tomcat's connector, beside its own read buffer, and answers far larger than it, cut by
 * it in the middle of values, come through unchanged. The size here, 12,345 bytes, is no
 * multiple of 8, so every buffer ends inside a float64.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "activation.limits.socket-write-buffer-size=12345B")
class SocketBuffersIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ServletWebServerApplicationContext context;

	@Test
	void theConnectorWritesThroughABufferOfTheConfiguredSize() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		// Tomcat's own: a larger one would make an over-long request line a 431, not a
		// 414
		// (DefaultSurfaceIntegrationTests).
		assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize"))).isEqualTo("8192");
		assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize"))).isEqualTo("12345");
		// The shipped bound on open connections, which with the default size keeps their
		// buffers at Tomcat's default total (application.properties).
		assertThat(String.valueOf(connector.getProperty("maxConnections"))).isEqualTo("2048");
	}

	@Test
	void aBinaryBodyOfManyBuffersComesBackBitForBit() throws Exception {
		int n = 300_000;
		ByteBuffer body = ByteBuffer.allocate(n * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		Random random = new Random(12);
		for (int i = 0; i < n; i++) {
			body.putDouble(Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL)
					* (random.nextBoolean() ? 1 : -1));
		}
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/activate/identity"))
				.header("Content-Type", "application/octet-stream")
				.header("Accept", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.array()))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(body.array());
	}

	@Test
	void sizesOutsideEightKilobytesToOneMegabyteAreRefused() {
		LimitsProperties limits = new LimitsProperties();
		assertThatIllegalArgumentException().isThrownBy(() -> limits.setSocketWriteBufferSize(DataSize.ofBytes(8191)))
			.withMessageContaining("from 8KB to 1MB");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> limits.setSocketWriteBufferSize(DataSize.ofBytes(1024 * 1024 + 1)));
		limits.setSocketWriteBufferSize(DataSize.ofKilobytes(8));
		limits.setSocketWriteBufferSize(DataSize.ofMegabytes(1));
		assertThat(limits.getSocketWriteBufferSize()).isEqualTo(DataSize.ofMegabytes(1));
	}

}
