#!/usr/bin/env bash
# Regenerates the Sendmux Trigger's signature test vectors with openssl, independently of the
# node's own code: X-Sendmux-Signature = "sha256=" + lowercase hex HMAC-SHA256 of the raw body
# bytes, keyed by the subscription's secret.
#
#   scripts/make-signature-vectors.sh      (writes test/trigger/fixtures/signatures.json)
#
# The re-serialised variant is what a verifier that signs JSON.parse → stringify output would
# compute (jq -c: compact, no escapes, no trailing newline); the node must reject it.
set -euo pipefail
cd "$(dirname "$0")/../test/trigger/fixtures"

secret=$(cat secret.txt)
wrong_secret=$(cat wrong-secret.txt)

jq -c . message.bounced.json | tr -d '\n' > message.bounced.reserialised.json

sign() { # file secret
	printf 'sha256=%s' "$(openssl dgst -sha256 -hmac "$2" -r "$1" | cut -d' ' -f1)"
}

{
	printf '{\n'
	printf '  "generatedBy": "scripts/make-signature-vectors.sh (openssl dgst -sha256 -hmac)",\n'
	printf '  "message.bounced.json": "%s",\n' "$(sign message.bounced.json "$secret")"
	printf '  "message.received.json": "%s",\n' "$(sign message.received.json "$secret")"
	printf '  "message.delivered.json": "%s",\n' "$(sign message.delivered.json "$secret")"
	printf '  "message.bounced.reserialised.json": "%s",\n' "$(sign message.bounced.reserialised.json "$secret")"
	printf '  "message.bounced.json with wrong-secret.txt": "%s"\n' "$(sign message.bounced.json "$wrong_secret")"
	printf '}\n'
} > signatures.json

cat signatures.json
