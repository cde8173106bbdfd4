FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true

FROM eclipse-temurin:17-jre
WORKDIR /app
RUN useradd --system courier
COPY --from=build /src/target/courier-*.jar /app/courier.jar
USER courier
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/courier.jar"]
