# The activation service as a layered Spring Boot image.
#
#   ./mvnw -B package -DskipTests
#   docker build -t activation-service .
#   docker run -p 8080:8080 -p 8081:8081 activation-service
#
# BASE_IMAGE is any JRE 17+ image with a POSIX shell, `java` on the PATH and useradd (shadow's
# passwd package): the official Temurin JRE by default, or a local Debian one where no registry
# is reachable (see .ci/run).
ARG BASE_IMAGE=eclipse-temurin:17-jre

# Stage 1: split the executable jar into layers, least to most often changed, so a rebuild after
# a code change ships only the small application layer.
FROM ${BASE_IMAGE} AS layers
# An image imported from a root file system has no environment; keep the base's PATH when it has
# one (Temurin puts its JDK on it) and use Debian's default otherwise.
ENV PATH=${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}
WORKDIR /build
ARG JAR_FILE=target/activation-service-*.jar
COPY ${JAR_FILE} application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

# Stage 2: the runtime image.
FROM ${BASE_IMAGE}
ENV PATH=${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}
# A fixed numeric uid, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
ARG APP_UID=10001
RUN groupadd --system --gid ${APP_UID} activation \
	&& useradd --system --uid ${APP_UID} --gid activation --no-create-home --home-dir /nonexistent \
		--shell /usr/sbin/nologin activation
WORKDIR /application
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER ${APP_UID}:${APP_UID}
# 8080 serves the API, 8081 the management endpoints (health probes, Prometheus).
EXPOSE 8080 8081
# Run time writes go to /tmp only (Kubernetes mounts it; the root file system is read-only there),
# including fontconfig's cache for the graphs' text.
ENV XDG_CACHE_HOME=/tmp/.cache
# The heap is sized from the container's memory limit, and an out-of-memory error ends the JVM so
# the orchestrator restarts it. Override with `-e JDK_JAVA_OPTIONS=...`.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# java is PID 1 (exec form), so SIGTERM from `docker stop` or the kubelet reaches the JVM and
# starts Spring Boot's graceful shutdown. jdk.incubator.vector lets the kernels use the Vector API.
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-jar", "application.jar"]
