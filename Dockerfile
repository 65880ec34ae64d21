# The segflow CLI on a slim JRE, for scheduled runs (cron, Airflow, CI). Build the runnable jar first:
#   mvn -B -DskipTests package -pl runner/segflow-cli -am
#   docker build -t segflow .
# Run it against a project mounted at /project (profiles.yml read from there; secrets come in as env vars):
#   docker run --rm -v "$PWD:/project" -e SNOWFLAKE_PASSWORD segflow build -t prod
FROM eclipse-temurin:17-jre
RUN useradd --create-home --uid 10001 segflow
COPY runner/segflow-cli/target/segflow-all.jar /opt/segflow/segflow-all.jar
USER segflow
WORKDIR /project
ENTRYPOINT ["java", "-jar", "/opt/segflow/segflow-all.jar"]
CMD ["--help"]
