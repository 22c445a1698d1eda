# cmplay in a container: the image builds the playbook mounted at /site into /site/public.
#
#   docker build -t cmplay .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" -e CMPLAY_BASE_URL=https://intranet.example/playbook/ cmplay
#
# Other commands: docker run --rm -v "$PWD:/site" cmplay check --format github
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/cmplay ./cmd/cmplay

# distroless/static: no shell, no package manager, a non-root user (65532) by default. cmplay
# reads git history with go-git, so the image needs no git either.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/cmplay /usr/local/bin/cmplay
WORKDIR /site
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/cmplay"]
CMD ["build"]
