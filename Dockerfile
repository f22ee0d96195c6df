# One image recipe for every Accelerator program; docker-compose.yml picks the project.
FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
ARG PROJECT
WORKDIR /src
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0.0
# curl for compose's health checks (GET /health).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
ARG ASSEMBLY
ENV ACCELERATOR_ASSEMBLY=${ASSEMBLY} \
    ASPNETCORE_URLS=http://+:8080
WORKDIR /app
COPY --from=build /app .
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["sh", "-c", "exec dotnet \"/app/${ACCELERATOR_ASSEMBLY}.dll\""]
