# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Secret findings with a confidence: the non-secret shapes met on real public-sector
repositories are not reported, keyword heuristics in tests and documentation only warn,
provider tokens and private keys block wherever they are, a value is reported once."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from conftest import check_json, commit, findings_of, git
from opencheck.secrets.confidence import HIGH, LOW, confidence, place
from opencheck.secrets.detectors import scan
from secret_samples import Samples
from test_secrets_history import RULES, findings

SAMPLES = Samples(61)
PASSWORD = SAMPLES.password()  # a random value the generic heuristic reports
HEX = SAMPLES.chars("0123456789abcdef", 64)
NX_READ = base64.b64encode(b"6f1c2a9e-0b7d-4c3e-9a55-1d2e3f405162|read").decode()

# (class, file, content): each was reported as a blocking secret before.
NON_SECRETS = [
    ("dotnet-public-key-token", "web.config",
     '<add assembly="System.Web, Version=4.0.0.0, Culture=neutral, '
     'PublicKeyToken=b03f5f7f11d50a3a" />\n'),
    ("ws-policy-uri", "policy.xml",
     '<sp:X509Token sp:IncludeToken="http://docs.oasis-open.org/ws-sx/ws-securitypolicy/'
     '200702/IncludeToken/AlwaysToRecipient">\n'),
    ("lockfile-alias", "package.json",
     '{"dependencies": {"@octokit/auth-token": "npm:^2.4.4"}}\n'),
    ("deno-specifier", "deno.jsonc", '{"imports": {"dep:jsonwebtoken": "npm:jsonwebtoken@^9"}}\n'),
    ("css-selector", "src/input-password.js",
     "const SELECTOR_PASSWORD = 'input[data-bs-input][type=\"password\"]'\n"
     "const SELECTOR_BTN_SHOW_PWD = '.password-icon'\n"),
    ("css-attribute-selector", "src/js/plugins/input-password.js",
     "const SELECTOR_PASSWORD = 'input[type=\"password\"]'\n"),
    ("route", "config/routes.rb",
     'put "agents/mot_de_passe" => "agents/mot_de_passes#update"\n'),
    ("format-string", "settings.py",
     "secret_token = 'tok_%s_%d' % (name, 1)\npassword = f\"{prefix}-{suffix}1A\"\n"),
    ("template", "app.js", "const password = `${base}Xy9!`;\n"),
    ("tokenizer-substitution", "src/grammar/ruby.js",
     '{ token: "keyword.$0" },\n{ token: "string.$S2.delim", next: "@pop" },\n'
     '{ token: "keyword.tag-$1" },\n'),
    ("format-description", "roles/beat/templates/beat.yml.j2", '  #api_key: "id:api_key"\n'),
    ("spelled-password", "roles/backup/tasks/main.yml",
     "# mongorestore --db app --username=backup --password=p4ssW0rD\n"),
    ("change-it-placeholder", "group_vars/all/vault.yml.plain",
     'ldap_pwd: "change_it_t69Rn5NdUv39EYkQ"\n'),
    ("design-token", "src/components/StepIcon.tsx", "  colorToken = 'gray-550',\n"),
    ("page-token", "src/api.py", 'next_page_token = "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA"\n'),
    ("private-name", "src/Security/TokenManager.php",
     "    private const REQUEST_ATTR_TOKEN = '_keycloak_access_token';\n"),
    ("change-this-default", "compose.yaml",
     "      JWT_KEY: ${MERCURE_JWT_SECRET:-!ChangeThisMercureHubJWTSecretKey!}\n"),
    ("file-path", "docker-compose.yml",
     "      - SIGNING_PRIVATE_KEY=./node_modules/@acme/mockpass/static/certs/key.pem\n"),
    ("numbered-name", "docker-compose.yml", "      - CAMPAIGN_API_KEY=key_test_123\n"),
    ("sed-expression", ".ebextensions/99agent.config",
     '  sed -e "s/api_key:.*/api_key: ${AGENT_API_KEY}/" -i /etc/agent.yaml\n'),
    ("doc-placeholder", "deploy.sh",
     "kubectl create secret --from-literal=API_TOKEN_SECRET='generate-with-openssl-rand-"
     "base64-32'\n"),
    ("sslmode", "database.yml", "password= sslmode=require\n"),
    ("my-placeholder", "app.env", "SESSION_SECRET=mySecretConnectorRequest123456789\n"),
    # a site's reCAPTCHA secret encrypted with Staticman's RSA key (its /encrypt endpoint)
    ("encrypted-for-deployment", "docs/staticman.yml",
     "reCaptcha:\n  siteKey: \"6LdRBykTAAAAAFB46MnIu6ixuxwu9W1ihFF8G60Q\"\n"
     "  # Encrypt reCaptcha secret key using Staticman /encrypt endpoint\n"
     "  secret: \"" + "Pznn" + "ZGu3P6eTHRPLORniSq+J61YEf+A9zmColXDM5icqF49gbunH51B8" * 3
     + "k3Jx9QwQwAB=\"\n"),
    # an account elided in prose with an ellipsis character (U+2026), as `...` is
    ("ellipsis", "docs/security.md", "an account in a URL (`https://oauth2:…@forge/…`)\n"),
    ("weak-default", "api-load-testing/run.js", "const credentials = {password: 'admin1234'};\n"),
    ("keyboard-sequence", "idp.js", "const client_secret = '1234567890AZERTYUIOP';\n"),
    ("repeated-unit", "keys.js", "const deepl_api_key = '48E92789-57A3-466A-9959-1A1A1A1A1A1A';\n"),
    ("translation", "config/locales/developers.fr.yml",
     "  regenerate_secret: Régénérer le secret\n"),
    ("translation-json", "src/i18n/zh.json", '{"service password": "默认服务密码Xy9"}\n'),
    ("sudoers", "install.sh",
     "sed -e 's|# %wheel ALL=(ALL) NOPASSWD: ALL|%wheel ALL=(ALL) NOPASSWD: ALL|'\n"),
    ("mapbox-public-token", "map.js",
     "accessToken: 'pk.eyJ1IjoidHJhbnNwb3J0IiwiYSI6ImNsajhqcmh1ZTE5djQzcHF5ajdseWsxejEifQ."
     "qFfjiswVf2TaLQ2YmB-Mnw',\n"),
    ("docsearch-key", "docusaurus.config.js",
     "algolia: {\n  appId: 'V0EOJ2MHD5',\n  apiKey: 'cd706026bcf0dd0df345c4a4f450f844',\n"
     "  indexName: 'docs',\n},\n"),
    ("nx-read-only-token", "nx.json", f'{{"nxCloudAccessToken": "{NX_READ}"}}\n'),
    ("sealed-secret", "sealed-secret.yaml",
     "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n"
     "    ELASTICSEARCH_PASSWORD: AgAbc4s0MbPslQih+VKcx+zeBPZrHM7VhOeeQVxl/RWYBqukH\n"),
    ("sealed-secret-quoted-kind", "api.sealed-secret.yaml",
     'apiVersion: "bitnami.com/v1alpha1"\nkind: "SealedSecret"\nspec:\n  encryptedData:\n'
     "    APM_SECRET_TOKEN: AgBBeMRkaP9LRKmHjuY7fcXeTR5WpEz/KQBZVf8wyOzNl8e/61Q\n"),
    ("sentry-dsn", "src/environments/environment.staging.ts",
     f"  sentryDSN: 'https://{HEX[:32]}:{HEX[32:]}@sentry.example.fr/56',\n"),
    ("injection-token", "src/redis.constants.ts",
     "export const REDIS_MODULE_CONNECTION_TOKEN = 'IORedisModuleConnectionToken';\n"
     "export const PLATFORM_V2_IDENTIFIER_TOKEN = 'fc_core_v2_app';\n"),
    ("sops", "secrets.yaml", "password: ENC[AES256_GCM,data:Tr7o1=,iv:1R2c=,type:str]\n"),
    ("env-reference", ".env.production", "DB_PASSWORD=${DB_PASSWORD}\n"),
    ("minified-code", "app.js", 'u="access_token="+(T.ACCESS_TOKEN)+"&x=1";\n'),
    ("minified-bundle", "storybook/manager-bundle.js",
     "var a=1;" * 300 + 'x.password="' + PASSWORD + '";' + "var b=2;" * 10 + "\n"),
    ("shell-substitution", "generate-userlist",
     'encrypted_password="md5$(printf "%s%s" "$PASSWORD" "$USERNAME" | openssl md5)"\n'),
    ("string-fragment", "init-apollo.js", 'token = "Bearer " + cookie.get("token");\n'),
    # a value that describes itself in a phrase (a test settings class of Django)
    ("self-described", "src/backend/app/settings.py",
     '    JWT_SECRET_KEY = "secret-key-padded-for-minimum-len!-application"\n'
     '    API = {"api_key": "devkey-padded-for-minimum-len!-livekit"}\n'),
    ("deploy-substitution", ".env.internet", "SCW_SECRET_KEY=__S3_SECRET_KEY__\n"),
    ("php-concatenation", "src/Command/UserAddCommand.php",
     "  $io->note('(email:'.$account->getEmail().',password:'.$password.')');\n"),
    ("camel-self-described", "src/helm/helmfile.yaml",
     "          password: ThisIsNotASecurePassword\n"),
    # an end-to-end test account whose password is made of its name
    ("named-after-account", "docker/auth/authentik_blueprint.yaml",
     "  - model: authentik_core.user\n    identifiers:\n      username: user-e2e-chromium\n"
     "    attrs:\n      email: user@chromium.e2e\n      password: password-e2e-chromium\n"),
    ("example-account", "src/backend/debug/views.py",
     '  context["mailbox_data"] = {\n    "email": "john.doe@example.com",\n'
     '    "password": "6HGVAsjoog_v",\n  }\n'),
    # a secret's name and a typed number: the CI's placeholder for a test Keycloak
    ("numbered-placeholder", ".github/workflows/analysis.yml",
     "          KC_BOT_CLIENT_SECRET: so_secret_000\n"),
    # sixth held-out wave: a shell's message for an unset variable, a timestamp
    ("shell-unset-message", ".docker/rclone-job/sync-s3.sh",
     ': "${RCLONE_CONFIG_OVH_S3_SECRET_ACCESS_KEY:?Missing OVH secret key}"\n'),
    ("timestamp", "config/idoss.json",
     '{"DATE_PWD": "2024-04-30T15:33:19.000Z", "password_set_at": "2024-04-30 15:33",\n'
     ' "token_expiry": "2031-01-09T10:05:58+01:00"}\n'),
    # a stub of an OIDC provider's token endpoint (betagouv/Aidants_Connect's first
    # version), a mail preview's unsubscribe link (betagouv/collectif-objets)
    ("token-response", "aidants_connect_web/views.py",
     '    response = {\n        "access_token": "N5ro73Y2UBpVYLc8xB137A",\n'
     '        "expires_in": 3600,\n        "id_token": "irX5DyZU5P1MNP6vj4b5gQ",\n'
     '        "refresh_token": "5ieq7Bg173y99tT6MA",\n        "token_type": "Bearer",\n'
     '    }\n'),
    ("unsubscribe-token", "app/controllers/admin/communes_controller.rb",
     '  campaign_recipient: CampaignRecipient.new(unsubscribe_token: "g8fy3hcu3498"),\n'),
    # its second set: a shell's default judged alone, a my…password stand-in, IGN's
    # published open-data account, a Testcontainers database
    ("shell-default", "infra/init/geoserver_init_layers.sh",
     'DB_PASSWORD="${DB_PASSWORD:-postgres}"\n'),
    ("my-password-placeholder", "queen-application/.env",
     "QUEEN_DB_USER=mypostgresuser2\nQUEEN_DB_PASSWORD=mypostgrespassword2\n"),
    ("published-ftp-account", "dora/admin_express/commands/import_admin_express.py",
     "# The original is at ftp://Admin_Express_ext:Dahnoh0eigheeFok@ftp3.ign.fr/AE.7z\n"),
    ("testcontainers-database", "infra/configurations/application-local.properties",
     "env.db.appdb.url=jdbc:tc:postgresql:9.6.8://localhost/monitorfishdb\n"
     "env.db.appdb.user=bettytestuser3\nenv.db.appdb.password=bettytestpassword3\n"),
    # the digests a detect-secrets baseline keeps of what it saw, a value named hashed
    ("scanner-baseline-digest", ".secrets.baseline",
     '{"results": {"docs/setup.md": [{"hashed_secret": '
     '"b60d121b438a380c343d5ec3c2037564b82ffef3", "is_verified": false}]}}\n'),
    ("hashed-value", "src/users.ts",
     'const hashedPassword = "5f4dcc3b5aa765d61d8327deb882cf99";\n'),
    # the default of a shell or Compose expansion: a word, the account's name, another
    # variable (it was read with its `:-` and closing brace as the value)
    ("expansion-default", "Docker-compose/docker-compose.yml",
     '      MONGO_INITDB_ROOT_PASSWORD: "${MONGO_DBPASSWORD:-thatpassword}"\n'
     "      ME_URL: mongodb://${MONGO_DBUSER:-satosa}:${MONGO_DBPASSWORD:-thatpassword}@mongo/\n"
     'export OIDC_PWD="${OPENID_PROVIDER_PWD:-$DEFAULT_OPENID_PROVIDER_PWD}"\n'),
    ("expansion-default-script", "src/scripts/run.sh",
     "airflow users create -u team_x -p ${AIRFLOW_USER_TEAM_X_PASSWD:-team_x}\n"
     "airflow users create -u admin -p ${AIRFLOW_USER_ADMIN_PASSWD:-admin}\n"),
    ("doubled-url-separator", "docker-compose.yml",
     '  AIRFLOW_CONN_DB: "postgresql://cvps_airflow_dev::insecure@database:5432/data"\n'),
    ("secret-reference", "src/config/airflow.cfg",
     "#     POSTGRES_PASSWORD = airflow-secret=postgres_credentials\n"),
    # a third set: Laravel's validation rules, a PHP concatenation of a call, Algolia
    # Places' browser key
    ("validation-rules", "app/Http/Requests/RegisterInvitationRequest.php",
     "        'password' => 'required|min:8',\n"
     "        'password_confirmation' => 'required|string|min:8|same:password',\n"),
    ("php-call-concatenation", "app/Http/Controllers/Api/ActionController.php",
     "  'href' => config('app.url').'/signin?email='.$email.'&token='.config('app.token'),\n"),
    ("algolia-places", "public/address-step.js",
     '  var fixedOptions = {\n    appId: "plJ7DRP13SVL",\n'
     '    apiKey: "1a3ad9013014611a6cca6aeeedf2f303",\n  };\n'
     '  this.placesInstance = places(fixedOptions);\n'),
    # the keyword inside an AWS resource name: where a secret is kept
    ("aws-resource-name", "extraction/sandbox.tfvars",
     '    slack_secret_arn = "arn:aws:secretsmanager:eu-west-1:684969100054:secret:'
     'managed_pipelines/sandbox/slack_notifications*"\n'),
    # base64 of a name in a local compose file; IGN's published account as fields
    ("encoded-name", "bootstrap/docker-compose.yml",
     "      CONCOURSE_CLIENT_SECRET: Y29uY291cnNlLXdlYgo=\n"
     "      CONCOURSE_TSA_CLIENT_SECRET: Y29uY291cnNlLXdvcmtlcgo=\n"),
    ("ign-account-fields", "resources/sources.yaml",
     '      FTP:\n        hostname: "ftp3.ign.fr"\n        username: "Admin_Express_ext"\n'
     '        pwd: "Dahnoh0eigheeFok"\n'),
    ("url-value", "settings.py", 'TOKEN_URL = "https://auth.example.org/oauth/token"\n'
                                 'secret_url = "https://vault.interieur.gouv.fr/v1/kv"\n'),
    # eleventh set: PostHog's project keys in mobile apps (tchap-ios, tchap-android), a
    # shell test in libtool's ltmain.sh, Logstash's stock placeholders, the start of a
    # JWT header in an OpenAPI example, a React Native bundle's translations
    ("posthog-project-key", "Config/BuildSettings.swift",
     '    static let analytics = AnalyticsConfiguration(host: "https://posthog.example.io",\n'
     '        apiKey: "phc_Jzsm6DTm6V2705zeU5dcNvQDlonOR68XvX2sh1sEOHO",\n'),
    ("posthog-named-key", "vector/src/debug/java/im/vector/app/config/AnalyticsConfig.kt",
     '    override val postHogApiKey = "rs-pJjsYJTuAkXJfhaMmPUNBhWliDyTKLOOxike6ck8"\n'),
    ("posthog-host-key", "Config/BuildSettings.swift",
     '    static let analytics = AnalyticsConfiguration(isEnabled: true,\n'
     '        host: "https://posthog-poc.lab.example.dev",\n'
     '        apiKey: "rs-pJjsYJTuAkXJfhaMmPUNBhWliDyTKLOOxike6ck8",\n'),
    ("shell-comparison", "build-aux/ltmain.sh",
     '\t if test "$linkmode,$pass" = "prog,scan"; then\n'
     '      if [ "${PASSWORD}" != "none" ] && [ "$pass" == "dlpreopen" ]; then\n'),
    ("spelled-phrase", "roles/collector/templates/logstash.yml.j2",
     '# api.ssl.keystore.password: "y0uRp4$$w0rD"\n'
     '# api.auth.basic.password: "s3cUreP4$$w0rD"\n'),
    ("jwt-header", "exchangeSetService_OpenApi_definition_internal.yaml",
     '              example: |\n                {\n                  "token_type": "Bearer",\n'
     '                  "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSU"\n                }\n'),
    # twelfth set: the anonymous FTP account's conventional password (in WordPress's
    # FTP class), a description of the value to generate (a WordPress site's config)
    ("anonymous-account", "lib/class-ftp.php",
     '\t\t$this->_login="anonymous";\n\t\t$this->_password="anon@ftp.com";\n'),
    ("value-description", "deploy/local/config.yml",
     "  AUTH_KEY: 'strong-64-character-random-string'\n"
     "  NONCE_SALT: 'some_random_value_here'\n"),
    # thirteenth set: a Java web application's translations (ec-jrc/re3gistry), in a
    # localizations/ folder or named as a resource bundle anywhere
    ("localizations-folder", "WEB-INF/classes/localizations/LocalizationBundle.properties",
     "label.changepassword=Zm\\u011bnit heslo\nlabel.resetpassword=Obnovit heslo\n"),
    ("resource-bundle", "src/main/resources/ValidationMessages_pt_BR.properties",
     "label.changepassword=Zm\\u011bnit heslo\nuser.password=Nova\\u00e7\\u00e3o\n"),
    # a feedback widget's install snippet in a page (betagouv/jeveuxaider-back's layout)
    ("widget-access-token", "resources/views/layouts/app.blade.php",
     "<script>\n  Userback = window.Userback || {};\n"
     "  Userback.access_token = '8654|15306|Xk9pQ2vLm7wRz81aQ2vLm7wRz81a';\n"
     "  (function(id) { var s = document.createElement('script');\n"
     "    s.async = 1; s.src = 'https://static.userback.io/widget/v1.js';\n"
     "  })('userback-sdk');\n</script>\n"),
    ("react-native-bundle", "Riot/libs/jitsi/main.jsbundle",
     "__d(function(e,n,t,a){t.exports={" + 'k:"v",' * 400
     + 'userPassword:"anv\\xe4ndarl\\xf6senord",x:1}});\n'),
    # fourteenth set: a Puppet class scope in Hiera (alphagov/govuk-puppet), bundletool's
    # password sources in a CI job (MinBZK/nl-wallet), an anti-forgery header and a
    # "strong password" spelled in leet in a GIS configuration (georchestra/datadir),
    # Grafana's stock grafana.ini
    ("scope-separator", "hieradata_aws/common.yaml",
     "govuk_htpasswd::http_username: \"%{hiera('http_username')}\"\n"
     "govuk_htpasswd::http_users:\n  betademo: 'hunter2'\n"),
    ("password-source", "deploy/gitlab/android.yml",
     '      bundletool build-apks --ks="app/$storeFile" \\\n'
     '        --ks-pass="pass:$storePassword" --key-pass="pass:${keyPassword}"\n'
     '      openssl pkcs12 -export -passin env:KEYSTORE_PASSPHRASE -passout file:pw.txt\n'),
    ("anti-forgery-token", "datafeeder/datafeeder.properties",
     "h.[X-XSRF-TOKEN]=c9f33266-e242-4198-a18c-b01290dce5f1\n"
     "h.[Cookie]=XSRF-TOKEN=c9f33266-e242-4198-a18c-b01290dce5f1\n"
     'CSRF_TOKEN = "Jx8d2KqP0wZ7mTn4"\n'),
    ("spelled-phrase-apart", "maelstro/config.yaml",
     '      login: "testadmin"\n      password: "Str0ng_passW0rd"\n'),
    ("published-default", "modules/grafana/files/grafana.ini",
     "# used for signing\n;secret_key = SW2YcwTIb9zpOOhoPsMm\n"),
    # fifteenth set (fresh repositories, fresh8): axe-core's messages in a Storybook
    # build (a quote escaped inside the literal), js-tokens' token kinds in a Vite
    # bundle, Mixpanel's and Instabug's SDK tokens (pagopa/io-app), a client assertion
    # cut short in a docstring (italia/spid-cie-oidc-django), an identity provider's
    # help link under `recover_password`
    ("escaped-quote", "assets/axe-CI4cxVlJ.js",
     "              pass: 'Element\\'s default semantics were overriden with "
     "role=\"${data.role}\"',\n"),
    ("escaped-quote-in-source-map", "storybook-2.7/assets/axe-ace75cbe.js.map",
     '{"version":3,"sourcesContent":["      messages: {\\n            pass: '
     "'Element\\\\'s title attribute is unique',\\n            fail: 'Element\\\\'s "
     "title attribute is not unique'\\n\"]}\n"),
    ("lexer-token-kind", "vite-inject-mocker-entry.js",
     '                  nextLastSignificantToken = "?NonExpressionParenEnd";\n'
     '                        lastSignificantToken = "?InterpolationInTemplate";\n'
     '                nextLastSignificantToken = "?InterpolationInJSX";\n'),
    ("sdk-project-token", "apps/main-app/.env.production",
     "MIXPANEL_URL='https://api-eu.mixpanel.com'\n"
     "MIXPANEL_TOKEN='0cb505dace6f4b3ceb9e17c7fcd7c66f'\n"
     "INSTABUG_TOKEN='5c2d0f12fa12f9afc535585e5b7a9e79'\n"),
    ("sdk-project-token-in-code", "js/config.js",
     "module.exports = {\n  'mixPanelToken': 'b5c28d653684157f831d6b604d5e1956',\n}\n"),
    ("jwt-cut-short", "spid_cie_oidc/provider/views/token_endpoint.py",
     '        """\n            client_id=https://rp.cie.it&\n            client_assertion='
     'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IlNQSUQiLCJh'
     'ZG1pbiI6dHJ1ZX0.LVyRDPVJm0S9q7oiXcYVIIqGWY0wWQlqxvFGYswL...&\n        """\n'),
    ("link-with-query", "assets/contextual_help/data.json",
     '            "recover_password": "https://spid.idp-namirial.it/realms/namid/'
     'spid-authenticator/kc-action/recover-credentials?kc_locale=it"\n'),
    # fresh9's repositories
    ("shell-expansion-error", "src/mta-out/postfix/entrypoint.sh",
     ': "${SMTP_PASSWORD:?Error: SMTP_PASSWORD must be set}"\n'),
    ("css-custom-property", "src/modules/admin/stats/CompletionFunnelChart.tsx",
     'const ALERT_TOKEN = "--red-marianne-425-625";\n'
     'const LEGEND_TEXT_TOKEN = "--text-mention-grey";\n'),
    ("placeholder-stating-its-length", ".github/workflows/e2e.yaml",
     "      EGAPRO_GATEWAY_SHARED_SECRET: dev-gateway-shared-secret-minimum-32-chars\n"),
    ("python-entry-point", "pyproject.toml",
     '[project.entry-points."spacy_scorers"]\n'
     '"eds.ner_token"              = "edsnlp.metrics.ner:NerTokenMetric"\n'),
    ("base64-of-a-number", "apps/dev-api-server/src/routers/wallet.ts",
     '        paymentModel: 0,\n        token: "MTg5MDIxNzQ=",\n'),
    ("base64-of-a-snowflake-id", "apps/dev-api-server/src/routers/wallet.ts",
     '        token: "MTE4OTQyMTM3MDg5MzQxMDMwNA==",\n'),  # 19 digits, a signed 64-bit id
    # fresh10's repositories: a Spring resource location under a key's name and Scality's
    # S3 server's stock keys (corona-warn-app/cwa-server), a conditional's branches in
    # Terraform (pagopa/io-infra), Asqatasun's stock compose password spelled in leet
    # (betagouv/mon-entreprise), an unused field's stand-in (EsupPortail/esup-signature)
    ("resource-location", "src/main/resources/application.properties",
     "app.distribution.paths.privatekey=classpath:certificates/client/private.pem\n"
     "SECRET_PRIVATE=file:/secrets/private.pem\n"),
    ("s3-server-stock-keys", ".env",
     "OBJECTSTORE_ACCESSKEY=accessKey1\nOBJECTSTORE_SECRETKEY=verySecretKey1\n"),
    ("conditional-branches", "src/common/_modules/app_backend/data_kv.tf",
     '  name = count.index % 2 == 0 ? "appbackend-APP-MESSAGES-API-KEY" : '
     '"appbackend-APP-MESSAGES-API-KEY-02"\n'),
    ("leet-phrase", "site/a11y/asqatasun/docker-compose.yml",
     '      MYSQL_PASSWORD: "${DB_PASSWORD:-asqatasunDatabaseUserP4ssword}"\n'),
    ("counted-placeholder", "src/main/java/config/WebSecurityConfig.java",
     '\tprivate final String apiKey = "SomeKey1234567890";\n'),
    # demarches-simplifiees: Rails routes' targets, an API's endpoint under a token's name
    ("rails-route", "config/routes.rb",
     "  post '/password' => 'password#create'\n"
     "    post 'renew_api_token' => 'profile#renew_api_token', as: :renew_api_token\n"
     "  get '/auth/:provider' => 'omniauth#login', as: :omniauth\n"),
    ("endpoint-path", "app/lib/helpscout/api.rb", "  OAUTH2_TOKEN = 'oauth2/token'\n"),
    # fresh11: a Talend project's password left empty (its MD5), Rails' sample
    # secrets.yml, CI's throwaway secrets said for a laugh, a stand-in naming itself
    ("empty-digest", "sdi/job/items/talend.project",
     '<TalendProperties:User login="x@free.fr" password="D41D8CD98F00B204E9800998ECF8427E"/>\n'),
    ("interleaved-runs", "config/secrets.yml", "# shared:\n#   api_key: a1B2c3D4e5F6\n"),
    ("counted-phrase", ".github/workflows/ci.yml", "env:\n  SECRET_KEY: topsecret123\n"),
    ("phrase-for-a-laugh", ".github/workflows/ci_cd.yml",
     "        env:\n          POSTGRES_PASSWORD: wow*verysecret\n"),
    ("default-named", "linkedevents/settings.py",
     'CITYSDK_API_SETTINGS = {\n    "USERNAME": "admin",\n'
     '    "PASSWORD": "defaultCitySDKPassword",\n}\n'),
    # fresh12: Directus's documented docker-compose (SocialGouv/reva), a basic auth
    # user's format with its password still to define (reva's Traefik configuration),
    # a FreeMarker macro's documented call (lutece-platform/lutece-core)
    ("published-default-directus", "infra/directus/docker-compose.yml",
     "    environment:\n      KEY: '255d861b-5ea1-5996-9aa3-922530ec40b1'\n"
     "      SECRET: '6116487b-cda1-52c2-b5b5-c8022c45e263'\n"),
    ("still-to-define", "infra/traefik/config/dynamic.yml",
     "          - '{{ env \"BASIC_AUTH_USER_PASSWORD\" }}' # htpasswd format  "
     'BASIC_AUTH_USER_PASSWORD="test:TODEFINED"\n'),
    ("counted-identifier", "templates/admin/themes/tabler/components/progress/progress.ftl",
     "<#--\n    <@progress value=0 color='info' progressId='importProgress' "
     "token='import-task-123' label='Importing data...' />\n-->\n"),
    ("fcm-registration-token", "routes/mobile.py",
     "    registration_token = 'fQk2Lr8sTzW1vYb4nH6jXa:APA91b" + "Xq7Rt2Wk9Lm4Np6Zs1Vb3Hc8"
     * 5 + "Jd'\n"),
    ("member-call", "website/htdocs/ogam/public/js/extjs/build.xml",
     '                <replace file="${build.dir}/@{file}.js"\n'
     '                         token="Ext.setVersion(&quot;ext&quot;,&quot;5&quot;)"\n'
     "                <replace file=\"${build.dir}/@{file}.js\"\n"
     "                         token=\"Ext.setVersion('ext', '5');\"\n"),
    ("alphabet-walk", "infra/docker-compose.local.yml",
     "      - JWT_SECURITY_KEY=fG2hI6jK0lM4nO8pQ2rS6tU0vW4xY8zA2bC\n"
     "      - MASTER_API_KEY=uV3wX7yZ1aB5cD9eF3gH7iJ1kL5mN9oP3qR7sT1\n"),
    # aksel: Amplitude's browser SDK key, which every page carries
    ("analytics-sdk-key", "website/utils/logging/useAmplitude.ts",
     'const AMPLITUDE_PUBLIC_API_KEY = "1a9a84a5e557ac9635a250bc27d75031";\n'),
    # Esup-Pod: a sed command built around PHP constants
    ("concatenated-name", "scripts/bbb-pod-live/bbb-pod-live.php",
     '$cmd = "sed -i \\"s/^.*BBB_ATTENDEE_PASSWORD=.*/ - BBB_ATTENDEE_PASSWORD='
     '".BBB_ATTENDEE_PASSWORD."/\\" " . $dockerFile;\n'
     "url = 'https://x.example/?api_key='+$apiKey+'&q=1';\n"),
    ("kubernetes-host-name", "k8s/secret-dev.yml",
     "apiVersion: v1\nkind: Secret\nmetadata:\n  name: egapro-secret\ndata:\n"
     "  API_SENTRY_DSN: c2VudHJ5LWRldi5jb20=\n"),
]


@pytest.mark.parametrize(("name", "path", "content"), NON_SECRETS,
                         ids=[case[0] for case in NON_SECRETS])
def test_known_non_secret_shapes_are_not_reported(name: str, path: str, content: str) -> None:
    assert [hit.kind for hit in scan(content.encode(), path)] == []


def test_kubernetes_user_names_are_not_secrets() -> None:
    manifest = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n"
                "  MONGODB_BACKUP_USER: backup\n  username: trackdechets\n"
                f"  MONGODB_BACKUP_PASSWORD: {PASSWORD}\n")
    hits = scan(manifest.encode(), "k8s/db.yaml")
    assert [(hit.kind, hit.line) for hit in hits] == [("kubernetes-secret", 8)]


def test_kubernetes_string_data_is_judged_like_decoded_data() -> None:
    # stringData holds values in clear: names of indexes and buckets are settings
    manifest = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n"
                "  SEARCH_INDEX: stocketablissement-production\n"
                "  S3_BUCKET_NAME: app-registry-exports\n"
                f"  SENTRY_DSN: https://{HEX[:32]}:{HEX[32:]}@sentry.example.fr/3\n"
                f"  SEARCH_PASSWORD: {PASSWORD}\n")
    hits = scan(manifest.encode(), "kubernetes/base/secrets.yaml")
    assert [(hit.kind, hit.line) for hit in hits] == [("kubernetes-secret", 9)]


def test_a_name_is_an_identifier_only_under_a_token_name() -> None:
    # words under a credential's name are a (weak) credential, not an identifier
    for line in ("SMTP_PASSWORD = 'smtp_relay_password_v2'\n",
                 "ACCESS_TOKEN = 'IORedisModuleConnectionToken'\n",
                 f"PLATFORM_TOKEN = '{PASSWORD}'\n"):
        assert [hit.kind for hit in scan(line.encode(), "src/settings.py")] == [
            "password-assignment"], line


def test_only_igns_published_ftp_accounts_are_public() -> None:
    for url in ("ftp://admin:Dahnoh0eigheeFok@ftp3.ign.fr/x",
                "ftp://Admin_Express_ext:Dahnoh0eigheeFok@ftp.example.fr/x"):
        assert [hit.kind for hit in scan(f'url = "{url}"\n'.encode(), "app.py")] == [
            "url-credentials"], url


def test_a_firebase_apps_google_key_warns_other_google_keys_block() -> None:
    # lefigaro.fr's page recorded in etalab-ia/albert-api's test cassette: its Firebase
    # configuration, escaped in HTML, names the app's id (`1:<number>:web:…`)
    key = "AIzaSyDsm4QJMtK2MXisxhWu6zr7EXNtS6zzfu8"
    recorded = ('  data-config="&#x7B;&quot;apiKey&quot;&#x3A;&quot;' + key
                + '&quot;,&quot;appId&quot;&#x3A;&quot;1&#x3A;870600032373&#x3A;web'
                  '&#x3A;0b4b2f&quot;"\n')
    assert [(hit.kind, hit.browser_key) for hit in scan(recorded.encode(), "c.yaml")] == [
        ("google-api-key", True)]
    for content in (f'const maps = {{ key: "{key}", appId: "1:870600032373:web:0b4b2f" }};\n',
                    f'{{"apiKey": "{key}", "appId": "my-app"}}\n'):
        assert [(hit.kind, hit.browser_key) for hit in scan(content.encode(), "src/a.js")] \
            == [("google-api-key", False)], content


def test_a_sentry_dsn_is_public_a_url_password_is_not() -> None:
    # the same shape with a host path that is not a project id, or a non-hex password
    for url in (f"https://{HEX[:32]}:{HEX[32:]}@db.example.fr/app",
                f"postgres://app_9376:{PASSWORD}@127.0.0.1:10000/app_9376"):
        hits = scan(f'DATABASE = "{url}"\n'.encode(), "deploy/settings.py")
        assert [hit.kind for hit in hits] == ["url-credentials"], url


def _b64(value: str) -> str:
    return base64.b64encode(value.encode()).decode()


def test_kubernetes_secret_values_are_decoded_and_judged_once() -> None:
    real = SAMPLES.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 28)
    manifest = (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n"
        f"  HASURA_GRAPHQL_ADMIN_SECRET: {_b64('admin')} # admin\n"
        f"  HASURA_WEB_HOOK_SECRET: {_b64('hasurawebhooksecret')}\n"
        f"  OCMI_FILE_PASSWORD: {_b64('OCMI_FILE_PASSWORD')} # OCMI_FILE_PASSWORD\n"
        f"  SMTP_FROM: {_b64('contact@example.fr')} # contact@example.fr\n"
        f"  SENTRY_PUBLIC_DSN: {_b64('https://' + '0' * 32 + '@sentry.example.fr/3')}\n"
        f"  INSEE_API_SECRET: {_b64(real)} # a comment after the value\n"
    )
    hits = scan(manifest.encode(), ".k8s/secret-dev.yml")
    # the keyword heuristic leaves the manifest to the detector that decodes it
    assert [(hit.kind, hit.line) for hit in hits] == [("kubernetes-secret", 11)]


def test_the_same_shapes_with_a_real_value_are_still_found() -> None:
    # The filters look at shapes, not at the keyword: a random value next to them stays.
    for content in (f"password = '{PASSWORD}'\n", f"DB_PASSWORD={PASSWORD}\n",
                    f"apiKey: '{PASSWORD}',\n  adminApiKey: 'x',\n",
                    "password = 'Xk$1pQ9vLm2w'\n", "api_token = '_Xk9pQ2vLm7wR'\n",
                    "SIGNING_SECRET_KEY=HDBXpu2/gu10bLHpy8HjpN89xbA6boH9\n",
                    "DB_PASSWORD=correct-horse-battery-staple-42\n",
                    # a drawn number after a secret's name, a typed one after other words
                    "DB_PASSWORD=prod_secret_2024\n", "DB_PASSWORD=horse_battery_000\n",
                    # a phrase naming a key, but with a random part
                    "SECRET_KEY=secret-key-padded-Xk9pQ2vLm7wR!\n",
                    # underscores around a random value, a PHP variable then a value
                    "API_TOKEN='__Xk9pQ2vLm7wR__'\n", "token = '.$token.Xk9pQ2vLm7wR'\n",
                    # a keyboard run inside a value made by hand, but not most of it
                    "password = 'Zq8mW3qwerty7Lp9'\n", "password = 'h7Gd2azertyKp4Lm'\n",
                    # a value opening with `?` outside a shell expansion, a date and more
                    "password = '?Xk9pQ2vLm7wR'\n", "DB_PASSWORD=2024-04-30Xk9pQ2vLm7wR\n",
                    # a client's token without a token response around it, or a response
                    # that never says when it expires; a token named after no link
                    "access_token = 'N5ro73Y2UBpVYLc8xB137A'\n",
                    '{"access_token": "N5ro73Y2UBpVYLc8xB137A", "token_type": "Bearer"}\n',
                    'auth_token: "g8fy3hcu3498"\n',
                    # a random default in a shell expansion, "my" before a random value,
                    # another database than a test container's
                    'DB_PASSWORD="${DB_PASSWORD:-Xk9pQ2vLm7wR}"\n',
                    "DB_PASSWORD=myXk9pQ2vLm7wRpassword\n",
                    # a token given to an object not named after the widget the page
                    # loads, or to a widget whose script the page does not load
                    "<script>\n  Config.access_token = 'Xk9pQ2vLm7wRz81aQ2vLm7';\n"
                    "  s.src = 'https://static.userback.io/widget/v1.js';\n</script>\n",
                    "<script>\n  Userback.access_token = 'Xk9pQ2vLm7wRz81aQ2vLm7';\n"
                    "  s.src = 'https://cdn.example.com/widget/v1.js';\n</script>\n",
                    "Userback.access_token = 'Xk9pQ2vLm7wRz81aQ2vLm7';\n"
                    "url = 'https://static.userback.io/widget/v1.js';\n",
                    # a placeholder's word opening or inside a random value
                    "DB_PASSWORD=mypassword8Xk2qZ\n", "api_key = 'testkey9fQ2xL7w'\n",
                    "api_secret = 'Xk9P2generateQ8z'\n", "SECRET=mysecret_a1B2c3D4\n",
                    # Staticman's file, but a secret that is not its RSA ciphertext
                    "# Staticman\nreCaptcha:\n  secret: \"Xk9pQ2vLm7wR4tZ8Lq3N\"\n",
                    "spring.datasource.url=jdbc:postgresql://db.interne/app\n"
                    "spring.datasource.password=bettytestpassword3\n",
                    # a key for hashing (not a hash), a hex value not named hashed, a
                    # random value named hashed
                    "HASH_SECRET=b60d121b438a380c343d5ec3c2037564b82ffef3\n",
                    "secret: 'b60d121b438a380c343d5ec3c2037564b82ffef3'\n",
                    "hashed_secret: 'Xk9pQ2vLm7wRz81a'\n",
                    # a random default of an expansion, a reference with a random part
                    "DB_PASSWORD=${DB_PASSWORD:-Xk9pQ2vLm7wR}\n",
                    "password: ${MONGO_DBPASSWORD:-Xk9pQ2vLm7wR}\n",
                    # an ARN after the value says nothing of it
                    "db_secret: Xk9pQ2vLm7wRz81a # arn:aws:kms:eu-west-1:1234:key/x\n",
                    # pipes in a random value, a call's result appended to a random value
                    "password = 'Xk9pQ2|vLm7wR'\n", "token = 'Xk9pQ2vLm7wR.config('\n",
                    # PostHog's personal keys, a key under another name beside a PostHog
                    # host; a shell test of a random value, an assignment of words
                    'POSTHOG_PERSONAL_API_KEY = "Xk9pQ2vLm7wRz81a"\n',
                    'POSTHOG_API_KEY = "phx_Xk9pQ2vLm7wRz81aQ2vLm7wRz81a"\n',
                    'host = "https://sentry.example.io"\napiKey = "Xk9pQ2vLm7wRz81a"\n',
                    # another service's secret on the lines after a PostHog setting
                    # (an .env of many services): only the key given to PostHog is public
                    'POSTHOG_HOST=https://eu.posthog.com\nDATABASE_PASSWORD=Xk9pQ2vLm7wRz81a\n',
                    'NEXT_PUBLIC_POSTHOG_KEY=phc_Xk9pQ2vLm7wRz81a\n'
                    'SENDGRID_API_KEY=Xk9pQ2vLm7wRz81aQ2vLm7\n',
                    'if [ "$PASSWORD" = "Xk9pQ2vLm7wR" ]; then\n',
                    '$pass = "prog,scanXk9pQ2";\n',
                    # a password after a named account, or after the anonymous one
                    # but given to another; a description with a random part
                    '$this->_login="webmaster";\n$this->_password="Xk9pQ2vLm7wR";\n',
                    'login = "anonymous"\nuser = "deploy"\npassword = "Xk9pQ2vLm7wR"\n',
                    # a random password after the anonymous account: not its conventional
                    # e-mail address, another service's below it
                    'FTP_USER=anonymous\nSMTP_PASSWORD=Xk9pQ2vLm7wR\n',
                    'ftp:\n  user: anonymous\ndb:\n  password: Xk9pQ2vLm7wRz81a\n',
                    "AUTH_KEY='random_string_xk9pq2vlm7wr'\n",
                    # a spelled phrase with a random part, base64 of JSON that is no
                    # JWT header (a service account's type)
                    'password: "y0uRp4$$w0rDXk9pQ2"\n',
                    # a resource location with no file after it, another product's
                    # value, a branch that is a key's name but not after a conditional,
                    # a leet phrase with a random part, a counting run after random
                    "privatekey=classpath:Xk9pQ2vLm7wRz81a\n",
                    "OBJECTSTORE_SECRETKEY=verySecretKey7Xk9p\n",
                    'x = {"api_key": "Xk9pQ2vLm7wR"}\n', "Why? 'api_key': 'Xk9pQ2vLm7wR'\n",
                    'MYSQL_PASSWORD: "asqatasunDatabaseUserP4ssw0rdXk9pQ2"\n',
                    'apiKey = "SomeKeyXk9pQ2vLm71234567890"\n',
                    # a conditional whose other branch is a value, not the same kind of
                    # name (a stand-in, then the key); a phrase ending in a number made
                    # of digits that spell letters (0134 57), which is no spelling
                    'const apiKey = debug ? "test-api-key" : "Xk9pQ2vLm7wRz81a";\n',
                    'const apiKey = isTest ? "test-api-key" : "key-3ax6xnjp29jd6fds4gc373sgv";\n',
                    'const token = useProd ? "dev_token" : "token_Xk9pQ2vLm7wRz81aQ2";\n',
                    'SECRET_KEY = "myapp-secret-key-3517"\n',
                    'token: "eyJ0eXBlIjoic2VydmljZV9hY2NvdW50In0Xk9p"\n'):
        assert [hit.kind for hit in scan(content.encode(), "app/settings.env")] == [
            "password-assignment"], content


@pytest.mark.parametrize(("path", "expected"), [
    ("back/src/__tests__/auth.integration.ts", "test"),
    ("spec/features/agents/login_spec.rb", "test"),
    ("e2e/src/plans/account.spec.ts", "test"),
    ("api/tests/test_user.py", "test"),
    ("db/seeds/cnfs.rb", "test"),
    ("api/src/pdc/services/user/commands/SeedUsersCommand.ts", "test"),
    ("api-load-testing/acquisition_create.js", "test"),
    ("quality/fcp/cypress/fixtures/idp.json", "test"),
    # .NET and Java test projects named in CamelCase
    ("ShopApiContractTests/Servers/MockCrmServer.cs", "test"),
    ("src/Shop.IntegrationTests/Fixtures.cs", "test"),
    ("UnitTests/Helpers/Login.cs", "test"),
    ("src/Latest/Settings.cs", None),
    ("src/ContestApi/Settings.cs", None),
    ("README-SDK-2D.md", "documentation"),
    ("samples-src/pages/2d/page.html", "documentation"),
    ("docs/install.md", "documentation"),
    (".env.sample", "example"),
    ("swagger/v1/api.json", "documentation"),
    ("docs/openapi.yaml", "documentation"),
    ("config/settings.example.yml", "example"),
    ("sample-situation.json", "example"),
    ("config/example.env", "example"),
    ("src/samplers/rate.py", None),
    ("config/locales/fr.yml", "translation"),
    ("docker/compose/fcp-high/.env/core.env", None),
    ("app/config/database.yml", None),
    ("src/contest/registration.py", None),
    ("itou/accounts/tests.py", "test"),  # Django's test module
    ("_tools/test.http", "test"),  # requests a REST client sends to a local server
    ("itou/users/factories.py", "test"),
    ("src/contests.py", None),
    # a mock server's stubs (MTES-MCT/histologe's WireMock)
    ("tools/wiremock/src/Resources/Idoss/authentification.json", "test"),
    ("tools/wiremock/postman/proconnect.mock.postman_collection.json", "test"),
    ("docker/mockserver/expectations.json", "test"),
    ("src/wiremocking.py", None),
    # a test runner's set-up (betagouv/api-subventions-asso's integration tests)
    ("packages/api/jest.config.integ.setup.ts", "test"),
    ("vitest.setup.ts", "test"),
    ("src/setupTests.js", "test"),
    ("jest.config.js", "test"),
    ("src/jester/config.ts", None),
    ("src/setup.py", None),
    ("config/jest-reporter.ts", None),
    # Maven's integration tests (CNES/DOI-server); an Italian folder is no test
    ("server/src/it/resources/config-it.properties", "test"),
    ("src/it/settings.xml", "test"),
    ("src/main/resources/it/messages.properties", None),
    # a helper module named in camelCase after tests (pagopa/io-app's testFaker.ts); a
    # class's PascalCase name, or a camelCase one of no test word, is not
    ("ts/utils/testFaker.ts", "test"),
    ("src/api/mockBackend.js", "test"),
    ("fastlane/TestFlight.yml", None),
    ("src/latestNews.ts", None),
    ("src/contestResults.ts", None),
])
def test_places(path: str, expected: str | None) -> None:
    assert place(path) == expected


def test_confidence_depends_on_the_place_only_for_heuristics() -> None:
    assert confidence("password-assignment", "tests/test_login.py") == LOW
    assert confidence("password-assignment", "deploy/app.env") == HIGH
    assert confidence("github-token", "tests/test_login.py") == HIGH
    assert confidence("private-key", "docs/example.md") == HIGH
    # a package copied as npm publishes it: its test keys are public already
    assert confidence("private-key", "node_modules/public-encrypt/test/rsa.1024.priv") == LOW
    # and so is a package installed in a committed virtualenv
    assert confidence("private-key", "venv/lib/python3.7/site-packages/x/tests/key.pem") == LOW
    assert confidence("github-token", "vendor/acme/client.py") == HIGH


def _by_value(report: dict[str, Any]) -> list[tuple[str, str, str, int]]:
    return sorted((f["rule"], f["severity"], f["path"], f["count"])
                  for f in findings(report, "secret-in-tree"))


def test_test_passwords_warn_provider_tokens_block(make_repo: Any) -> None:
    token = SAMPLES.github()
    root = make_repo({
        "README.md": "# x\n",
        "tests/test_login.py": f'PWD = "{PASSWORD}"\nTOKEN = "{token}"\n',
        "app/settings.py": "DEBUG = False\n",
    })
    report = check_json(root, *RULES)
    assert _by_value(report) == [
        ("secret-in-tree", "error", "tests/test_login.py", 1),
        ("secret-in-tree", "warning", "tests/test_login.py", 1),
    ]
    warning = next(f for f in findings(report, "secret-in-tree") if f["severity"] == "warning")
    assert warning["kind"] == "password-assignment" and warning["confidence"] == "low"
    assert "Found only in tests, examples, documentation or published packages" in \
        warning["message"]
    assert report["ready"] is False  # the GitHub token blocks


def test_one_value_in_many_files_is_one_finding_that_blocks_from_deploy_config(
        make_repo: Any) -> None:
    files = {f"docker/env/app{index}.env": f"REDIS_PASSWORD={PASSWORD}\n" for index in range(4)}
    files["tests/fixtures/redis.json"] = f'{{"password": "{PASSWORD}"}}\n'
    root = make_repo({"README.md": "# x\n", **files})
    report = check_json(root, *RULES)
    [finding] = findings(report, "secret-in-tree")
    assert (finding["severity"], finding["count"], finding["confidence"]) == ("error", 5, "high")
    assert finding["path"] == "docker/env/app0.env"
    assert len(finding["locations"]) == 5
    assert "(5 occurrences in 5 files)" in finding["message"]
    assert PASSWORD not in str(report)


def test_third_party_code_gets_no_heuristic_but_keeps_provider_tokens(make_repo: Any) -> None:
    token = SAMPLES.github()
    minified = "!function(){" + "var a=1;" * 400 + f'u="password="+"{PASSWORD}"' + "}();\n"
    root = make_repo({
        "README.md": "# x\n",
        "public/bibliotheques/jquery-3.7.1.min.js": f'var password="{PASSWORD}";\n',
        "static/lib/chart/chart.js": f'var password="{PASSWORD}x";\n',
        "assets/app.bundle.js": minified,
        ".yarn/releases/yarn-4.1.0.cjs": f'const password="{PASSWORD}y";\n',
        "vendor/acme/client.py": f'TOKEN = "{token}"\n',
    })
    report = check_json(root, *RULES)
    assert [(f["kind"], f["path"]) for f in findings(report, "secret-in-tree")] == [
        ("github-token", "vendor/acme/client.py")]


def test_a_vendored_librarys_internal_addresses_are_not_the_projects(make_repo: Any) -> None:
    # alphagov/router: 9 of its 10 internal addresses were OpenTelemetry's and moby's
    # examples in vendor/; the project's own, and a lockfile's registry, still warn
    root = make_repo({
        "README.md": "# x\n",
        "vendor/go.opentelemetry.io/otel/semconv/attribute_group.go":
            '// Examples: "http://10.1.2.80:8080/"\nconst ServerAddress = "10.1.2.80"\n',
        "config/app.yml": "upstream: http://10.20.30.40:8080/\n",
        "package-lock.json": '{"packages": {"node_modules/x": {"resolved": '
                             '"http://10.9.9.9:4873/x/-/x-1.0.0.tgz"}}}\n',
    })
    report = check_json(root, *RULES)
    assert sorted(f["path"] for f in findings(report, "sensitive-internal-host")) == [
        "config/app.yml", "package-lock.json"]


def test_env_file_without_a_credential_only_warns(make_repo: Any) -> None:
    root = make_repo({
        "README.md": "# x\n",
        ".env.test": "API_TOKEN=API_TOKEN\nDB_PASSWORD=\nSECRET=${SECRET}\nDEBUG=1\n",
        "deploy/.env.production": f"DB_PASSWORD={PASSWORD}\n",
    })
    report = check_json(root, *RULES)
    files = {f["path"]: f["severity"] for f in findings(report, "secret-file-committed")}
    assert files == {".env.test": "warning", "deploy/.env.production": "error"}


def test_history_does_not_repeat_tree_files_and_weighs_old_env_files(make_repo: Any) -> None:
    root = make_repo({"README.md": "# x\n", ".env.test": "API_KEY=fake\n"})
    commit(root, {".env.local": "REDIS_PASSWORD=\nREDIS_HOST=127.0.0.1\n",
                  "deploy/.env": f"GITHUB_APP_SECRET={PASSWORD}\n"}, "Add env files")
    git(root, "rm", "--quiet", ".env.local", "deploy/.env")
    commit(root, {}, "Remove them")
    report = check_json(root, *RULES)
    history = {(f["path"], f["kind"]): f["severity"]
               for f in findings(report, "secret-in-history")}
    assert history == {(".env.local", "env-file"): "warning",
                       ("deploy/.env", "env-file"): "error",
                       ("deploy/.env", "password-assignment"): "error"}
    # .env.test is still in the tree: secret-file-committed names it, not the history
    assert [f["path"] for f in findings(report, "secret-file-committed")] == [".env.test"]


def test_a_committed_env_file_without_a_secret_value_is_not_told_to_revoke(make_repo) -> None:
    root = make_repo({"web/.env.declaration": "DATABASE_URL=\nAPI_KEY=${API_KEY}\n"
                                              "SENTRY_DSN=\n"})
    report = check_json(root, "--rule", "secret-file-committed", "--no-history")
    [finding] = findings_of(report)
    assert finding["severity"] == "warning"
    assert "None of its values looks like a secret" in finding["message"]
    assert finding["fix"].startswith("If it is only a template, name it as one (.env.example)")
    assert "revoke" not in finding["fix"]
    secret = make_repo({".env": "API_KEY=sk_live_51HqLyjWDarjtT1zdp7dcXYZabcdefghijkl\n"})
    [finding] = findings_of(check_json(secret, "--rule", "secret-file-committed", "--no-history"))
    assert "revoke" in finding["fix"]


def test_an_env_file_of_the_history_without_a_secret_is_not_told_to_rewrite(
        make_repo: Any) -> None:
    """etalab/udata-front's 39-byte `.env` of one Vite setting, removed since: nothing to
    revoke, nothing to rewrite; a removed `.env` with a password keeps the history's fix."""
    root = make_repo({"README.md": "# x\n"})
    commit(root, {".env": "VITE_SHOW_COPY_RESOURCE_PERMALINK=true\n",
                  "deploy/.env": f"GITHUB_APP_SECRET={PASSWORD}\n"}, "Add env files")
    git(root, "rm", "--quiet", ".env", "deploy/.env")
    commit(root, {}, "Remove them")
    report = check_json(root, *RULES)
    found = {f["path"]: f for f in findings(report, "secret-in-history")
             if f["kind"] == "env-file"}
    empty, secret = found[".env"], found["deploy/.env"]
    assert empty["severity"] == "warning"
    assert "None of its versions held a value that looks like a secret" in empty["message"]
    assert empty["fix"].startswith("Nothing to revoke or rewrite")
    assert "revoke" in secret["fix"] and "Nothing to revoke" not in secret["fix"]


def test_a_password_named_after_another_account_or_random_is_still_found() -> None:
    # (`password-e2e-firefox` alone is words, `e2e` read as one as `test` is: a name)
    user = "    identifiers:\n      username: user-e2e-chromium\n    attrs:\n      password: "
    for value in ("password-e2e-firefox-2024!", f"password-{PASSWORD}", PASSWORD,
                  "XkNotASecurePassword9"):
        hits = scan(f"{user}{value}\n".encode(), "docker/auth/blueprint.yaml")
        assert [hit.kind for hit in hits] == ["password-assignment"], value


def test_a_password_of_a_real_domains_account_is_still_found() -> None:
    for email in ("agent@numerique.gouv.fr", "x@example.community"):
        content = f'mailbox = {{\n  "email": "{email}",\n  "password": "6HGVAsjoog_v",\n}}\n'
        assert [hit.kind for hit in scan(content.encode(), "src/mail.py")] == [
            "password-assignment"], email


GOOGLE_KEY = SAMPLES.google_api()
FIREBASE = ('const firebaseConfig = {{\n  apiKey: "{key}",\n  authDomain: "app.firebaseapp.com",\n'
            '  projectId: "app",\n  messagingSenderId: "1234",\n}};\n')


def test_a_browser_key_the_project_names_public_warns_other_google_keys_block(
        make_repo: Any) -> None:
    # A Terraform variable named public (a Maps key the admin site sends to browsers), a
    # Firebase web configuration: warnings. The same key under another name blocks.
    root = make_repo({
        "README.md": "# x\n",
        "wifi/variables.tf": 'variable "public_google_api_key" {\n  type    = string\n'
                             f'  default = "{GOOGLE_KEY}"\n}}\n',
        "web/src/firebase.js": FIREBASE.format(key=SAMPLES.google_api()),
    })
    report = check_json(root, *RULES)
    found = sorted((f["path"], f["severity"]) for f in findings(report, "secret-in-tree"))
    assert found == [("web/src/firebase.js", "warning"), ("wifi/variables.tf", "warning")]
    assert all("The project names it public" in f["message"]
               for f in findings(report, "secret-in-tree"))
    assert report["ready"] is True
    commit(root, {"wifi/variables.tf": 'variable "public_key" { default = "ssh-ed25519 A" }\n'
                                       'variable "google_api_key" {\n'
                                       f'  default = "{GOOGLE_KEY}"\n}}\n',
                  "web/src/firebase.js": FIREBASE.format(key=SAMPLES.google_api()).replace(
                      "authDomain", "domain")})
    report = check_json(root, *RULES)
    assert sorted((f["path"], f["severity"]) for f in findings(report, "secret-in-tree")) == [
        ("web/src/firebase.js", "error"), ("wifi/variables.tf", "error")]
    # the first configuration's key, now only in the history, still only warns
    [old] = findings(report, "secret-in-history")
    assert (old["path"], old["severity"]) == ("web/src/firebase.js", "warning")
    assert "The project names it public" in old["message"]


def _jwt_of(claims: dict[str, object]) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
    return f"{part({'alg': 'RS256', 'kid': 'k1'})}.{part(claims)}.{SAMPLES.chars(HEX, 43)}"


def test_openid_federation_statements_are_public_other_tokens_are_not() -> None:
    # A trust mark and an entity statement are published by the entity they describe.
    local = {"iss": "http://127.0.0.1:8000/", "sub": "http://127.0.0.1:8000/oidc/rp/",
             "iat": 1645612401}
    for claims in ({**local, "id": "https://www.spid.gov.it/certification/rp",
                    "mark": "https://www.agid.gov.it/logo.svg"},
                   {**local, "trust_mark_id": "https://registry.example/rp"},
                   {**local, "jwks": {"keys": []}, "authority_hints": ["http://ta/"]}):
        content = f"        trust_marks:\n          - trust_mark: {_jwt_of(claims)}\n"
        assert scan(content.encode(), "conf/backends/cieoidc_backend.yaml") == [], claims
    for claims in ({**local, "id": "42"}, {**local, "jwks": {"keys": []}},
                   {"iss": "supabase", "ref": "abcd", "role": "service_role"}):
        content = f"  access_token: {_jwt_of(claims)}\n"
        assert [hit.kind for hit in scan(content.encode(), "conf/app.yaml")] == ["jwt"], claims


def test_a_token_made_from_jwt_ios_sample_is_an_example_others_are_not() -> None:
    # demarches-simplifiees: jwt.io's sample claims, the name edited, a test's "random" one
    sample = {"sub": "1234567890", "name": "Oh yeah", "iat": 1516239022}
    for claims in (sample, {**sample, "admin": True}):
        content = f"  api_entreprise:\n    key: \"{_jwt_of(claims)}\"\n"
        assert scan(content.encode(), "config/secrets.yml") == [], claims
    for claims in ({**sample, "exp": 1916239022}, {**sample, "sub": "42"},
                   {**sample, "role": "service_role"}):
        content = f"  api_entreprise:\n    key: \"{_jwt_of(claims)}\"\n"
        assert [hit.kind for hit in scan(content.encode(), "config/secrets.yml")] == ["jwt"]


def test_a_token_of_made_up_claims_is_a_stand_in_others_are_not() -> None:
    # aksel: a local stand-in for Entra ID, its claims fake-aud, fake-oid, Fake Tokenensson
    made_up = {"aud": "fake-aud", "iss": "https://login.microsoftonline.com/x/v2.0",
               "oid": "fake-oid", "name": "Fake Tokenensson", "NAVident": "Z992389"}
    content = f'      user: getAuthUser(\n        "{_jwt_of(made_up)}"\n      ),\n'
    assert scan(content.encode(), "website/app/_auth/rcs.ts") == []
    real = {**made_up, "aud": "api://aksel", "oid": "3f1c2a9e-0b7d-4c3e-9a55-1d2e3f405162"}
    content = f'      user: getAuthUser(\n        "{_jwt_of(real)}"\n      ),\n'
    assert [hit.kind for hit in scan(content.encode(), "website/app/_auth/rcs.ts")] == ["jwt"]


def test_a_route_or_an_endpoint_shape_keeps_a_random_value_found() -> None:
    for content, path in (("  post '/password' => 'Xk9pQ2#vLm7wR'\n", "config/routes.rb"),
                          ("password = 'sesame#xk9pq2vlm7wr'\n", "app/models/user.rb"),
                          ("PASSWORD: 'admin#xk9pq2vlm7wr'\n", "config/routes.yml"),
                          ("API_TOKEN = 'Xk9pQ/2vLm7wR'\n", "app/lib/api.rb"),
                          ("$password = '.Xk9pQ2vLm7wR.';\n", "config.php"),
                          ('"PASSWORD": "defaultXk9pQ2Password",\n', "settings.py"),
                          ("SECRET_KEY: Xk9pQ2vLm7wR123\n", "ci.yml"),
                          ("SECRET_KEY: a1b2c3d4Xk9pQ2\n", "ci.yml"),
                          ('AMPLITUDE_SECRET_KEY = "1a9a84a5e557ac9635a250bc27d75031"\n',
                           "server/amplitude.py"),
                          ('password="D41D8CD98F00B204E9800998ECF8427F"\n', "x.project")):
        assert [hit.kind for hit in scan(content.encode(), path)] == ["password-assignment"], \
            content


def test_a_doubled_separator_or_a_reference_keeps_a_random_value_found() -> None:
    url = 'DB: "postgresql://cvps_dev::Xk9pQ2vLm7wR@database:5432/data"\n'
    assert [hit.kind for hit in scan(url.encode(), "docker-compose.yml")] == ["url-credentials"]
    reference = "POSTGRES_PASSWORD = db-secret=Xk9pQ2vLm7wR\n"
    assert "password-assignment" in [hit.kind for hit in scan(reference.encode(), "app.cfg")]



def test_values_of_a_secret_scanners_allowlist_warn_elsewhere_they_block(
        make_repo: Any) -> None:
    key_id, _secret = SAMPLES.aws_pair()
    allowlist = (f"[allowlist]\ndescription = \"global allow list\"\nregexes = [\n"
                 f"  \'\'\'{key_id}\'\'\',\n]\n")
    root = make_repo({"README.md": "# x\n", ".github/linters/.gitleaks.toml": allowlist})
    report = check_json(root, *RULES)
    [allowed] = findings(report, "secret-in-tree")
    assert (allowed["severity"], allowed["kind"]) == ("warning", "aws-access-key")
    assert "Listed in the project's secret-scanner configuration" in allowed["message"]
    assert report["ready"] is True
    commit(root, {"deploy/backup.env": f"AWS_ACCESS_KEY_ID={key_id}\n"})
    [used] = findings(check_json(root, *RULES), "secret-in-tree")
    assert (used["severity"], used["path"]) == ("error", "deploy/backup.env")
    token = SAMPLES.github()  # a token works on its own: allowed or not, it leaks
    commit(root, {".github/linters/.gitleaks.toml": allowlist.replace(key_id, token)})
    listed = findings(check_json(root, *RULES), "secret-in-tree")
    assert ("error", "github-token", ".github/linters/.gitleaks.toml") in {
        (f["severity"], f["kind"], f["path"]) for f in listed}


def test_a_token_response_saved_as_data_is_a_live_token() -> None:
    """A stub of a token endpoint is written out in code; a response a script saved
    (MTES-MCT/trackdechets' `insee/cron/key.json`, INSEE's API answer kept by a cron job
    between runs) holds the token it was handed, live until it expires."""
    saved = ('{"access_token":"c77a3e5f4b2d41f0a9e8d7c6b5a49382","scope":"am_application_scope'
             ' default","token_type":"Bearer","expires_in":409883}')
    for path in ("insee/cron/key.json", "cron/token.txt", "deploy/token.yml", "token"):
        assert [hit.kind for hit in scan(saved.encode(), path)] == [
            "password-assignment"], path
    assert scan(f"STUB = {saved}\n".encode(), "app/oauth_stub.py") == []


def test_a_password_beside_the_real_databases_url_is_found_beside_a_test_profile() -> None:
    """A Spring file names the production database and, in its test profile, a
    Testcontainers one: the password next to the production URL is that database's."""
    profiles = ("spring:\n  datasource:\n    url: jdbc:postgresql://db.prod.internal:5432/app\n"
                "    username: app\n    password: Xk9pQ2vLm7wRtB4\n---\nspring:\n"
                "  config:\n    activate:\n      on-profile: test\n  datasource:\n"
                "    url: jdbc:tc:postgresql:15:///app\n")
    hits = scan(profiles.encode(), "src/main/resources/application.yml")
    assert [hit.kind for hit in hits if hit.category == "secret"] == ["password-assignment"]



def test_an_account_of_another_server_or_random_base64_is_still_found() -> None:
    fields = '  hostname: "{host}"\n  username: "{user}"\n  pwd: "Dahnoh0eigheeFok"\n'
    for host, user in (("ftp.data.example.gouv.fr", "Admin_Express_ext"),
                       ("ftp3.ign.fr", "pipeline_admin")):
        content = fields.format(host=host, user=user)
        assert [hit.kind for hit in scan(content.encode(), "resources/sources.yaml")] == [
            "password-assignment"], host
    encoded = base64.b64encode(bytes(range(7, 31))).decode()  # 24 bytes, no name
    assert [hit.kind for hit in scan(f"CLIENT_SECRET: {encoded}\n".encode(),
                                     "docker-compose.yml")] == ["password-assignment"]


def _google_services(key: str, clients: int) -> str:
    """An Android app's google-services.json: one client per package, the key of each
    far below its app id."""
    client = ('    {{\n      "client_info": {{\n        "mobilesdk_app_id": "1:1092909174787:'
              'android:f382f0e7c238b3{n}",\n        "android_client_info": {{\n          '
              '"package_name": "fr.gouv.app{n}"\n        }}\n      }},\n      "oauth_client": '
              '[\n        {{\n          "client_id": "1092909174787-ol99625ft1r3anmj13giqho21'
              '132ujm3.apps.googleusercontent.com",\n          "client_type": 3\n        }}\n'
              '      ],\n' + ' ' * 6 + '"services": {{"appinvite_service": {{}}}},\n'
              '      "api_key": [\n        {{\n          "current_key": "{key}"\n        }}\n'
              '      ]\n    }}')
    body = ",\n".join(client.format(n=n, key=key) for n in range(clients))
    return ('{\n  "project_info": {\n    "project_number": "1092909174787",\n    '
            '"project_id": "app"\n  },\n  "client": [\n' + body + '\n  ]\n}\n')


def test_a_mobile_apps_firebase_key_warns_wherever_it_sits_in_its_configuration() -> None:
    # tchap-android: the third client's key sits 1,500 bytes below the first app id,
    # 400 below its own; an iOS app's GoogleService-Info.plist names it API_KEY
    key = SAMPLES.google_api()
    config = _google_services(key, 3).encode()
    assert [(hit.kind, hit.browser_key) for hit in scan(config, "app/google-services.json")] \
        == [("google-api-key", True)] * 3
    plist = ('<plist version="1.0">\n<dict>\n\t<key>API_KEY</key>\n\t<string>' + key
             + '</string>\n\t<key>GOOGLE_APP_ID</key>\n\t<string>1:1092909174787:ios:'
               'f382f0e7</string>\n</dict>\n</plist>\n').encode()
    assert [(hit.kind, hit.browser_key) for hit in scan(plist, "App/GoogleService-Info.plist")] \
        == [("google-api-key", True)]
    # the same key as another JSON field, or in another plist, blocks
    other = config.replace(b'"current_key"', b'"server_key"').replace(b"mobilesdk_app_id",
                                                                       b"app")
    assert [hit.browser_key for hit in scan(other, "app/google-services.json")] == [False] * 3
    assert [hit.browser_key for hit in scan(plist, "App/Settings.plist")] == [False]
    assert [hit.browser_key for hit in scan(plist.replace(b"API_KEY", b"MAPS_KEY"),
                                            "App/GoogleService-Info.plist")] == [False]


def test_saved_copies_of_web_services_and_compiled_frameworks_are_theirs(
        make_repo: Any) -> None:
    # CNES/openbach serves a saved copy of pages (www.youtube.com/embed/…, Google
    # Analytics' script) to measure a network; tchap-ios committed Jitsi's compiled
    # framework, its React Native bundle full of translated "password" labels
    youtube, analytics = SAMPLES.google_api(), SAMPLES.google_api()
    root = make_repo({
        "README.md": "# x\n",
        "www/site/www.youtube.com/embed/7-ymoC6wOoI":
            f'<script>ytcfg.set({{"INNERTUBE_API_KEY":"{youtube}"}});</script>\n',
        "www/site/www.google-analytics.com/analytics.js":
            f'e.open("POST","https://ampcid.google.com/v1/x?key={analytics}",!0);\n',
        "Riot/libs/jitsi-meet/JitsiMeet.framework/Headers/config.h":
            f'static const char *db_password = "{PASSWORD}";\n',
        "src/www.example.fr/settings.js": f'const mapsKey = "{GOOGLE_KEY}";\n',
        "src/config.h": f'static const char *db_password = "{PASSWORD}x";\n',
    })
    report = check_json(root, *RULES)
    found = sorted((f["path"], f["severity"]) for f in findings(report, "secret-in-tree"))
    assert found == [("src/config.h", "error"), ("src/www.example.fr/settings.js", "error"),
                     ("www/site/www.google-analytics.com/analytics.js", "warning"),
                     ("www/site/www.youtube.com/embed/7-ymoC6wOoI", "warning")]


def test_only_message_bundles_named_for_a_language_are_translations() -> None:
    # a Spring profile with underscores, a vault file named for a region: still found
    # a base name that only holds a bundle word inside another (`context`, `plaintext`)
    for path in ("src/main/resources/application_it.properties", "conf/vault_de.properties",
                 "src/main/resources/messages.properties", "conf/context_it.properties",
                 "conf/plaintextcreds_de.properties"):
        content = f"db.password={PASSWORD}\n".encode()
        assert [hit.kind for hit in scan(content, path)] == ["password-assignment"], path


def test_fourteenth_set_counterparts_still_block() -> None:
    # after a Puppet scope, a password source, beside an anti-forgery token, after a
    # phrase or in Grafana's file: a random value of the project's own is still found
    secret = PASSWORD
    cases = [
        ("hieradata/common.yaml", f"govuk_htpasswd::password: '{secret}'\n"),
        ("deploy/android.yml", f'  --ks-pass="pass:{secret}"\n'),
        ("build.gradle", f'    storePassword = "pass:{secret}"\n'),
        ("datafeeder.properties", f"h.[Cookie]=AUTH-TOKEN={secret}\n"),
        ("maelstro/config.yaml", f'  password: "Str0ng_passW0rd_{secret}"\n'),
        ("grafana.ini", f"secret_key = {secret}\n"),
    ]
    for path, line in cases:
        assert "password-assignment" in [hit.kind for hit in scan(line.encode(), path)], line


def test_fifteenth_set_counterparts_still_block() -> None:
    # a random value with an escaped quote in it, a credential's name before a sigil, an
    # SDK's API secret, a whole token, a link whose query carries a token
    secret = PASSWORD
    jwt = _jwt_of({"iss": "https://auth.example.fr/", "sub": "42"})
    cases = [
        ("app/settings.js", f"password = '{secret[:6]}\\\\'{secret[6:]}'\n", "password-assignment"),
        ("app/settings.js", f'accessToken = "?{secret}"\n', "password-assignment"),
        # a JSON value that ends on an escaped backslash is closed by its quote
        ("app/config.json", '{"password": "Xk9pQ2vLm7wRz8\\\\", "user": "a"}\n',
         "password-assignment"),
        ("app/.env", "MIXPANEL_API_SECRET='0cb505dace6f4b3ceb9e17c7fcd7c66f'\n",
         "password-assignment"),
        ("app/.env", f"MIXPANEL_TOKEN='{secret}'\n", "password-assignment"),
        ("app/views.py", f"client_assertion = '{jwt}'\n", "jwt"),
        ("app/data.json", '"recover_password": "https://spid.idp-namirial.it/realms/namid/'
         'spid-authenticator/kc-action/recover-credentials?kc_locale=it&'
         'token=Xk9pQ2vLm7wRz81aQ2vLm7"\n', "password-assignment"),
    ]
    for path, line, kind in cases:
        assert kind in [hit.kind for hit in scan(line.encode(), path)], line


def test_a_token_a_developers_own_server_issued_warns(make_repo: Any) -> None:
    """A client assertion issued by a server at 127.0.0.1 (an OpenID Connect example in
    italia/spid-cie-oidc-django) only warns; the same claims from a real issuer block."""
    local = _jwt_of({"iss": "http://127.0.0.1:8000/oidc/rp/",
                     "sub": "http://127.0.0.1:8000/oidc/rp/",
                     "aud": ["http://127.0.0.1:8000/oidc/op/token/"], "exp": 1648497737})
    remote = _jwt_of({"iss": "https://rp.cie.example.fr/oidc/rp/",
                      "sub": "https://rp.cie.example.fr/oidc/rp/", "exp": 1648497737})
    root = make_repo({
        "README.md": "# x\n",
        "spid_cie_oidc/provider/schemas/token_requests.py":
            f'    client_assertion = "{local}",\n',
        "spid_cie_oidc/provider/views.py": f'    client_assertion = "{remote}",\n',
    })
    report = check_json(root, *RULES)
    levels = {f["path"]: (f["severity"], f["confidence"])
              for f in findings(report, "secret-in-tree")}
    assert levels == {"spid_cie_oidc/provider/schemas/token_requests.py": ("warning", "low"),
                      "spid_cie_oidc/provider/views.py": ("error", "high")}
    [warning] = [f for f in findings(report, "secret-in-tree") if f["severity"] == "warning"]
    assert "Issued by a server on the developer's machine" in warning["message"]


def test_a_value_opening_with_a_colon_is_no_scope() -> None:
    """Only `name::next` (the operator `:` joined to a second `:`) is a Puppet, Ruby or
    C++ scope; a random value that happens to open with a colon, quoted or after `=`, is
    still a password."""
    secret = ":" + PASSWORD
    for path, line in (("config/app.yml", f'  password: "{secret}"\n'),
                       ("deploy/.env.production", f"DB_PASSWORD={secret}\n"),
                       ("settings.py", f"SECRET = '{secret}'\n")):
        assert [hit.kind for hit in scan(line.encode(), path)] == ["password-assignment"], line
    assert scan(b"govuk_htpasswd::http_username: \"%{hiera('u')}\"\n", "hiera/common.yaml") == []


def test_sixteenth_set_counterparts_still_block() -> None:
    # fresh9: a default after `:-`, a drawn value after `--`, a drawn attribute after a
    # module, a stand-in with a drawn part, base64 of a drawn value, a drawn Secret value
    secret = PASSWORD
    drawn = base64.b64encode(secret.encode()).decode()
    cases = [
        ("entrypoint.sh", f': "${{SMTP_PASSWORD:-{secret}}}"\n', "password-assignment"),
        ("src/Chart.tsx", f'const ALERT_TOKEN = "--{secret}";\n', "password-assignment"),
        ("pyproject.toml", f'"eds.ner_token" = "edsnlp.metrics.ner:{secret}"\n',
         "password-assignment"),
        (".github/workflows/e2e.yaml",
         f"      SHARED_SECRET: dev-shared-secret-{secret}-32-chars\n", "password-assignment"),
        ("src/routers/wallet.ts", f'        token: "{drawn}",\n', "password-assignment"),
        # review9: base64 of 20 drawn digits (66 bits) is no identifier; 19 past a 64-bit
        # integer neither
        ("src/routers/wallet.ts",
         f'        token: "{base64.b64encode(b"48215937065182734961").decode()}",\n',
         "password-assignment"),
        ("src/routers/wallet.ts",
         f'        token: "{base64.b64encode(b"9407318265591738204").decode()}",\n',
         "password-assignment"),
        ("k8s/secret-dev.yml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n"
         f"  API_SENTRY_DSN: {drawn}\n", "kubernetes-secret"),
    ]
    for path, text, kind in cases:
        assert kind in [hit.kind for hit in scan(text.encode(), path)], text


def test_a_symfony_applications_committed_env_defaults_are_a_note(make_repo: Any) -> None:
    """MTES-MCT/dialog, a Symfony application, commits .env, .env.ci and .env.test, as
    Symfony's recipes do: told to rename them .env.example, which would break it. They
    are a note; a secret value in one still blocks, `.env.local` still warns, and another
    project's .env without a secret still warns."""
    composer = '{"require": {"php": ">=8.2", "symfony/dotenv": "7.1.*"}}\n'
    root = make_repo({
        "README.md": "# x\n", "composer.json": composer,
        ".env": "APP_ENV=dev\nAPP_SECRET=\nDATABASE_URL=${DATABASE_URL}\n",
        ".env.test": "KERNEL_CLASS='App\\\\Kernel'\n",
        ".env.local": "APP_ENV=dev\n",
        ".env.prod": f"APP_SECRET={PASSWORD}\n",
        "other/.env": "DEBUG=1\n",
    })
    report = check_json(root, *RULES)
    files = {f["path"]: f for f in findings(report, "secret-file-committed")}
    assert {path: f["severity"] for path, f in files.items()} == {
        ".env": "info", ".env.test": "info", ".env.local": "warning", ".env.prod": "error",
        "other/.env": "warning"}
    assert "Symfony reads this committed file" in files[".env"]["message"]
    assert ".env.local (ignored)" in files[".env"]["fix"]


def test_kubernetes_kind_line_only_at_a_line_start() -> None:
    """A `kind: Secret` line counts at a line's start only, in the document holding the
    `data:`; a source file naming a SecretKey and a `kind` is not a manifest at all."""
    manifest = ("apiVersion: v1\nitems:\n  kind: Secret\nstringData:\n"
                f"  DB_PASSWORD: {PASSWORD}\n---\n"
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n"
                f"  DB_PASSWORD: {PASSWORD}\n")
    hits = scan(manifest.encode(), "k8s/secrets.yaml")
    assert [(hit.kind, hit.line) for hit in hits] == [("kubernetes-secret", 12)]
    pytest.importorskip("hyperscan")
    from opencheck.secrets import detectors, multimatch
    # the prefilter itself, not whichever engine this process chose (the Python one
    # names no candidate at all, and the test would pass with any mark)
    engine = multimatch.HyperscanEngine(detectors.engine_patterns())
    rust = b"fn kind(&self) -> Kind { self.kind }\nstruct SecretKey([u8; 32]);\n" * 50
    assert detectors.KUBERNETES not in engine.first_ends(rust)
    assert detectors.KUBERNETES in engine.first_ends(manifest.encode())


def _nir_with_key(number: int) -> str:
    digits = f"{number:013d}"
    return f"{digits[0]} {digits[1:3]} {digits[3:5]} {digits[5:7]} {digits[7:10]} " \
        f"{digits[10:13]} {97 - number % 97:02d}"


def test_numbers_drawn_at_random_hold_no_nir() -> None:
    """A table of numbers (a Gmsh mesh's elements) holds thousands of NIR-shaped runs,
    about one in 97 with a right key by chance: none is reported. A file of real NIRs,
    every key right, and a lone NIR among a few numbers still are."""
    import random

    draw = random.Random(7)
    rows = [" ".join(str(draw.randrange(1, 30000)) for _ in range(9)) for _ in range(4000)]
    mesh = ("$Elements\n" + "\n".join(f"{i} 6 2 1 71 {row}" for i, row in enumerate(rows)))
    hits = scan(mesh.encode(), "test/cases/gallery.msh")
    assert [hit for hit in hits if hit.kind == "nir"] == []
    numbers = [1850578006001 + 3 * i for i in range(300)]
    listing = "\n".join(f"agent {i};{_nir_with_key(n)}" for i, n in enumerate(numbers))
    assert len([hit for hit in scan(listing.encode(), "data/agents.csv")
                if hit.kind == "nir"]) == 50  # the first hits of a dump, as before
    lone = f"Dossier 12, montant 1520 EUR\nNIR : {_nir_with_key(1850578006084)}\n"
    assert [hit.kind for hit in scan(lone.encode(), "notes.txt")] == ["nir"]


def test_a_token_of_a_plain_http_issuer_named_by_one_label_warns(make_repo: Any) -> None:
    """italia/spid-cie-oidc-django's schema example: a refresh token issued by
    `http://op-test/`, a Compose service. OpenID Connect requires an https issuer: only a
    development stack issues under such a name. An https issuer of one label (a cluster's
    service) or a plain-http issuer with a domain still blocks."""
    claims = {"sub": "2ed00d8c", "iat": 1648495976, "exp": 1648497956,
              "aud": ["http://rp-test/oidc/rp/"]}  # issued for 33 minutes, as spid's is
    local = _jwt_of({**claims, "iss": "http://op-test/"})
    in_cluster = _jwt_of({**claims, "iss": "https://keycloak/realms/app"})
    domain = _jwt_of({**claims, "iss": "http://op.cie.example.fr/"})
    root = make_repo({
        "README.md": "# x\n",
        "provider/schemas/token_requests.py": f'    refresh_token = "{local}",\n',
        "provider/views.py": f'    refresh_token = "{in_cluster}",\n',
        "provider/auth.py": f'    refresh_token = "{domain}",\n',
    })
    report = check_json(root, *RULES)
    levels = {f["path"]: f["severity"] for f in findings(report, "secret-in-tree")}
    assert levels == {"provider/schemas/token_requests.py": "warning",
                      "provider/views.py": "error", "provider/auth.py": "error"}


def test_an_assignment_verdict_is_remembered_by_value_and_quoting() -> None:
    """The same value quoted is a secret, unquoted and calling something is code: the
    verdict kept for one must not answer for the other, in either order."""
    quoted = b'password = "Xk9(vQ2)mZ7pLw"\n'
    unquoted = b"password = Xk9(vQ2)mZ7pLw\n"
    for first, second in ((quoted, unquoted), (unquoted, quoted)):
        kinds = [[hit.kind for hit in scan(text, "app.py")] for text in (first, second)]
        expected = [["password-assignment"] if text == quoted else [] for text in (first, second)]
        assert kinds == expected


def test_a_package_that_describes_itself_as_a_mock_server_only_warns(make_repo: Any) -> None:
    """pagopa/io-app's `apps/dev-api-server`: no mock in its folder's name, but its README
    opens "Mock server of io-backend for io-app development". The same token in a real
    server, or in a package whose README mentions a mock further down, still blocks; a
    provider token blocks in the mock too."""
    token = SAMPLES.jwt()
    readme = ('<h1 align="center">\n  <img src="assets/main.png" alt="dev server">\n  '
              'Dev API server\n</h1>\n\n<h4 align="center">Mock server of '
              '<a href="https://example.org/backend">backend</a> for app development.</h4>\n')
    later = "# Backend\n\nThe API of the service.\n\n" + "Some text.\n" * 80 + "A mock server\n"
    github = SAMPLES.github()
    root = make_repo({
        "README.md": "# x\n",
        "apps/dev-api-server/README.MD": readme,
        "apps/dev-api-server/package.json": '{"name": "@app/dev-api-server"}\n',
        "apps/dev-api-server/src/platform.ts": f'export const SESSION = "{token}";\n',
        "apps/dev-api-server/src/github.ts": f'export const GH = "{github}";\n',
        "apps/sandbox/package.json": '{"name": "x", "description": "A fake REST API for demos"}\n',
        "apps/sandbox/src/session.ts": f'export const TOKEN = "{token}x";\n',
        "apps/backend/README.md": later,
        "apps/backend/package.json": '{"name": "@app/backend"}\n',
        "apps/backend/src/platform.ts": f'export const SESSION = "{token}";\n'.replace(
            "SESSION", "OTHER").replace(token, token[:-1] + "Q"),
        # a real server whose README's opening points at the mock beside it, and whose
        # description says it has one: it describes itself as no mock
        "apps/api/README.md": "# API\n\nThe API of the service. In development, the app "
                              "talks to the mock server of `apps/dev-api-server` instead.\n",
        "apps/api/package.json": '{"name": "api", "description": "The API. Ships a mock API"}\n',
        "apps/api/src/session.ts": f'export const API_SESSION = "{token}Z";\n',
    })
    report = check_json(root, *RULES)
    found = {f["path"]: f["severity"] for f in findings(report, "secret-in-tree")}
    assert found == {"apps/dev-api-server/src/platform.ts": "warning",
                     "apps/dev-api-server/src/github.ts": "error",
                     "apps/sandbox/src/session.ts": "warning",
                     "apps/backend/src/platform.ts": "error",
                     "apps/api/src/session.ts": "error"}
    note = next(f for f in findings(report, "secret-in-tree")
                if f["path"] == "apps/dev-api-server/src/platform.ts")["message"]
    assert "describes itself as a mock server" in note
    # gone from the tree, the package still describes itself: the history only warns
    git(root, "rm", "-q", "apps/dev-api-server/src/platform.ts", "apps/backend/src/platform.ts")
    commit(root, {"README.md": "# y\n"}, "Remove the sessions")
    history = {f["path"]: f["severity"]
               for f in findings(check_json(root, *RULES), "secret-in-history")}
    assert history == {"apps/dev-api-server/src/platform.ts": "warning",
                       "apps/backend/src/platform.ts": "error"}


def test_the_checked_folder_itself_is_never_a_mock_server(make_repo: Any) -> None:
    """review10: the rule looked at the top folder's own package too, so a change that
    rewrote the root README's first sentence ("A mock server for…") made every keyword
    hit and JWT of the repository a warning. The project checked is the one published."""
    token = SAMPLES.jwt()
    root = make_repo({
        "README.md": "# Outil\n\nA mock server of the national API, for tests.\n",
        "package.json": '{"name": "outil", "description": "A mock server of the API"}\n',
        "src/session.ts": f'export const SESSION = "{token}";\n',
    })
    found = {f["path"]: f["severity"] for f in findings(check_json(root, *RULES),
                                                        "secret-in-tree")}
    assert found == {"src/session.ts": "error"}


def test_a_merge_request_cannot_declare_its_own_package_a_mock_server(
        make_repo: Any) -> None:
    """The lead's leftover: a merge request that adds a package whose README opens "A
    mock server…", with a token in it, made its own secret a warning. In merge-request
    mode a package is a mock server as the base describes it: one the change adds, or
    whose description the change rewrites, is not; one the base already has still is,
    whatever the change writes in its README."""
    token = SAMPLES.jwt()
    mock = {"README.md": "# Faux serveur\n\nA mock server of the national API.\n",
            "package.json": '{"name": "fake-api", "description": "A mock server"}\n'}
    root = make_repo({"README.md": "# Outil\n",
                      "apps/front/package.json": '{"name": "front"}\n',
                      **{f"apps/known/{name}": text for name, text in mock.items()}})
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {
        **{f"apps/new-api/{name}": text for name, text in mock.items()},
        "apps/new-api/src/session.ts": f'export const SESSION = "{token}";\n',
        "apps/front/README.md": mock["README.md"],
        "apps/front/package.json": '{"name": "front", "description": "A mock server"}\n',
        "apps/front/src/session.ts": f'export const SESSION = "{token}A";\n',
        "apps/known/README.md": "# API\n\nThe real API.\n",
        "apps/known/package.json": '{"name": "known-api"}\n',
        "apps/known/src/session.ts": f'export const SESSION = "{token}B";\n',
    }, "A new package")
    expected = {"apps/new-api/src/session.ts": "error", "apps/front/src/session.ts": "error",
                "apps/known/src/session.ts": "warning"}
    for args in ((), ("--whole-history", "change")):
        report = check_json(root, *RULES, "--diff-base", "main", *args)
        found = {f["path"]: f["severity"] for f in findings(report, "secret-in-tree")}
        assert found == expected
        assert report["verdict"] == "not_ready"
    # once merged, the packages are the project's as they describe themselves
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--ff-only", "feature")
    found = {f["path"]: f["severity"]
             for f in findings(check_json(root, *RULES), "secret-in-tree")}
    assert found == {"apps/new-api/src/session.ts": "warning",
                     "apps/front/src/session.ts": "warning",
                     "apps/known/src/session.ts": "error"}


def test_a_plain_http_issuer_named_by_one_label_warns_for_a_short_lived_token_only(
        make_repo: Any) -> None:
    """review9: `http://keycloak:8080/realms/x` is a Compose or cluster Keycloak, behind
    TLS termination in production as often as in development. review10: its tokens
    warned until their `exp` and blocked after it, so one commit's report changed with
    the clock. What the token says of itself decides: issued for minutes (spid's schema
    example, `exp` 33 minutes after `iat`) it warns, whenever it expires; one that lives
    for years, never expires (an offline token) or gives no issue time blocks, as does
    any token of an issuer with a domain."""
    realm = "http://keycloak:8080/realms/x"
    spid_iat, later = 1648495976, 4102444800
    tokens = {
        "access.py": {"iss": realm, "iat": spid_iat, "exp": spid_iat + 1980},
        "access_2100.py": {"iss": realm, "iat": later - 1980, "exp": later},
        "nbf.py": {"iss": realm, "nbf": later - 300, "exp": later},
        "refresh.py": {"iss": realm, "iat": 1577836800, "exp": 1648497737},
        "no_iat.py": {"iss": realm, "exp": 1648497737},
        "live.py": {"iss": realm, "sub": "2ed00d8c", "exp": later},
        "offline.py": {"iss": realm, "sub": "2ed00d8c", "typ": "Offline"},
        "backwards.py": {"iss": realm, "iat": later, "exp": spid_iat},
        "huge.py": {"iss": realm, "iat": 10 ** 400, "exp": spid_iat + 0.5},
        "domain.py": {"iss": "http://sso.mairie.fr/realms/x", "iat": spid_iat,
                      "exp": spid_iat + 1980},
        "loopback.py": {"iss": "http://localhost:8080/realms/x", "exp": later},
    }
    root = make_repo({"README.md": "# x\n", **{
        f"app/{name}": f'    refresh_token = "{_jwt_of(claims)}",\n'
        for name, claims in tokens.items()}})
    report = check_json(root, *RULES)
    levels = {f["path"]: f["severity"] for f in findings(report, "secret-in-tree")}
    warned = {"access.py", "access_2100.py", "nbf.py", "loopback.py"}
    assert levels == {f"app/{name}": "warning" if name in warned else "error"
                      for name in tokens}


# cwa-app-android: a request's JSON quoted in comments to count its padding, with the
# registration token its tests use as their fixture. Documentation of the code, no
# secret; the same value commented out alone, or used by the code, still blocks.
_TOKEN_LINE = '"registrationToken":"{value}",'
_FIXTURE_TEST = 'class CensorTest {{\n    private val testToken = "{value}"\n}}\n'


def _server(value: str, commented: bool = True) -> str:
    quoted = _TOKEN_LINE.format(value=value)
    line = f"    // `{quoted}`" if commented else f"    val body = \"{{{quoted}}}\""
    return f"class Server {{\n  fun poll() {{\n{line}\n    size -= 59\n  }}\n}}\n"


def test_an_example_quoted_in_comments_that_the_tests_use_warns(make_repo: Any) -> None:
    value = "5d0e6a1f-93b2-4c8e-a7d4-2f6b9c1e8a35"
    root = make_repo({
        "README.md": "# x\n",
        "app/src/main/java/Server.kt": _server(value),
        "app/src/test/java/CensorTest.kt": _FIXTURE_TEST.format(value=value),
    })
    commit(root, {"app/src/main/java/Other.kt": _server(value)}, "Same comment elsewhere")
    report = check_json(root, *RULES)
    [finding] = findings(report, "secret-in-tree")
    assert (finding["severity"], finding["count"]) == ("warning", 3)
    assert "comments" in finding["message"] and "commentaires" in str(
        check_json(root, "--lang", "fr", *RULES))
    assert findings(report, "secret-in-history") == []
    assert report["ready"] is True


@pytest.mark.parametrize("layout", ["commented-alone", "in-code", "code-elsewhere"])
def test_a_value_commented_out_or_used_by_the_code_still_blocks(
        make_repo: Any, layout: str) -> None:
    value = "8c3f2b7e-41d9-4a06-b5e8-9d1c7f3a2e64"
    files = {"README.md": "# x\n",
             "app/src/main/java/Server.kt": _server(value, layout != "in-code")}
    if layout != "commented-alone":
        files["app/src/test/java/CensorTest.kt"] = _FIXTURE_TEST.format(value=value)
    if layout == "code-elsewhere":
        files["app/src/main/java/Client.kt"] = _server(value, commented=False)
    report = check_json(make_repo(files), *RULES)
    blocking = [f for f in findings(report, "secret-in-tree") if f["severity"] == "error"]
    assert len(blocking) == 1 and report["ready"] is False


def test_a_value_once_in_code_blocks_in_the_history_though_now_an_example(
        make_repo: Any) -> None:
    value = "e41b7a09-6c2d-4f58-93ae-0b5d8c6f1a27"
    root = make_repo({"README.md": "# x\n",
                      "app/src/main/java/Server.kt": _server(value, commented=False)})
    commit(root, {"app/src/main/java/Server.kt": _server(value),
                  "app/src/test/java/CensorTest.kt": _FIXTURE_TEST.format(value=value)},
           "Quote the token in a comment")
    report = check_json(root, *RULES)
    assert [f["severity"] for f in findings(report, "secret-in-tree")] == ["warning"]
    [old] = findings(report, "secret-in-history")
    assert old["severity"] == "error" and report["ready"] is False


def test_a_template_directive_opening_with_a_hash_is_code_not_a_comment(
        make_repo: Any) -> None:
    """Velocity's `#set($smtpPassword = "…")` opens with `#` and is the template's code:
    read as a comment, the password the tests also use became a "quoted example" and only
    warned. A `# set the password …` comment is still one."""
    value = "Xk9pQ2vLm7wRz81aB3cD"
    report = check_json(make_repo({
        "README.md": "# x\n",
        "templates/mail.vm": f'#set($smtpPassword = "{value}")\nBonjour\n',
        "tests/test_mail.py": f'PASSWORD = "{value}"\n',
    }), *RULES)
    blocking = [f["path"] for f in findings(report, "secret-in-tree") if f["severity"] == "error"]
    assert blocking == ["templates/mail.vm"] and report["ready"] is False


def test_a_supabase_anon_key_and_the_clis_local_keys_warn(make_repo: Any) -> None:
    """MTES-MCT/Docurba: the anon key of its Supabase project in the browser client (with
    an issuer, and in the older form without one) and the Supabase CLI's local anon key
    only warn; a service_role key, or a token naming a user, still blocks."""
    anon = _jwt_of({"iss": "supabase", "ref": "ixxbyuandbmplfnq", "role": "anon",
                    "iat": 1740850883, "exp": 2056426883})
    older = _jwt_of({"role": "anon", "iat": 1634975576, "exp": 1950551576})
    cli = _jwt_of({"iss": "supabase-demo", "role": "anon", "exp": 1983812996})
    service = _jwt_of({"iss": "supabase", "ref": "ixxbyuandbmplfnq", "role": "service_role",
                       "iat": 1740850883, "exp": 2056426883})
    user = _jwt_of({"iss": "supabase", "role": "anon", "sub": "5f1c", "exp": 2056426883})
    root = make_repo({
        "README.md": "# x\n",
        "nuxt/plugins/supabase.js": f"const supabaseAnonKey = '{anon}'\n",
        "plugins/supabase.js": f"const supabaseAnonKey = '{older}'\n",
        "front-api/index.ts": f"const SUPABASE_KEY = '{cli}'\n",
        "server/admin.js": f"const supabaseServiceKey = '{service}'\n",
        "server/session.js": f"const sessionToken = '{user}'\n",
    })
    report = check_json(root, *RULES)
    levels = {f["path"]: f["severity"] for f in findings(report, "secret-in-tree")}
    assert levels == {"nuxt/plugins/supabase.js": "warning", "plugins/supabase.js": "warning",
                      "front-api/index.ts": "warning", "server/admin.js": "error",
                      "server/session.js": "error"}
    notes = {f["path"]: f["message"] for f in findings(report, "secret-in-tree")}
    assert "row-level security" in notes["nuxt/plugins/supabase.js"]
    assert "Issued by a server on the developer's machine" in notes["front-api/index.ts"]


def test_a_value_echoing_its_name_a_french_stand_in_or_its_length_is_no_secret() -> None:
    # service-national-universel: a collection's name under its constant; eva-serveur:
    # the password its review apps give seeded accounts ("bidon": dummy)
    for path, text in (
            ("packages/lib/src/constantes/collections.ts",
             '  SESSION_PHASE1_TOKEN: "sessionphase1token",\n'),
            ("config/keys.py", 'API_SECRET_KEY = "api-secret-key"\n'),
            ("lib/tasks/reviewapp.rake", '        compte.password = "bidon123456"\n'),
            ("db/seeds.rb", '  password: "factice-1234",\n'),
            # MTES-MCT/Lucca's Symfony .env: the words say what the value must be
            (".env", "LUCCA_REST_API_JWT_SECRET=secret_jwt_key_need_256_bit_of_length\n")):
        assert scan(text.encode(), path) == [], text
    # the same places with a drawn value, or another name's, still report
    for path, text in (
            ("packages/lib/src/constantes/collections.ts",
             f'  SESSION_PHASE1_TOKEN: "{PASSWORD}",\n'),
            ("packages/lib/src/constantes/collections.ts",
             '  SESSION_TOKEN: "sessionphase1token",\n'),
            ("lib/tasks/reviewapp.rake", '        compte.password = "bidon1234x6q"\n')):
        assert [hit.kind for hit in scan(text.encode(), path)] == ["password-assignment"], text



# fresh14's classes, each (repository, files, blocking (path, line)) with a counterpart
# that still blocks; the values are drawn when the test runs (a value is reported once).
def _fresh14_cases() -> list[tuple[str, dict[str, str], set[tuple[str, int | None]]]]:
    drawn = [SAMPLES.password() for _ in range(4)]
    return [
        # a Composer dependency named for a token, at a branch's constraint
        ("EsupPortail/esup-sygal", {
            "composer.json": '{\n  "require": {\n    "php": ">=8.0",\n'
                             '    "unicaen/auth-token":   "dev-release_4.0.0",\n'
                             '    "unicaen/app": "dev-ll-php8-bs5 as dev-ll-php8"\n  },\n'
                             f'  "extra": {{"api_token": "{drawn[0]}"}}\n}}\n'},
         {("composer.json", 7)}),
        # an end-to-end stack's values saying what they are; a drawn one after `e2e-`
        ("incubateur-ademe/benefriches", {
            ".env.e2e": "DATABASE_PASSWORD=e2e-tests-password\n"
                        "SESSION_SECRET=e2e-tests-session-secret\n"
                        "AUTH_JWT_SECRET=e2e-tests-jwt-secret\n",
            ".env.ci": f"SESSION_SECRET=e2e-{drawn[1]}\n"},
         {(".env.ci", None), (".env.ci", 1)}),
        # a token its name calls fake
        ("france-connect/service-provider-example", {
            "config/config.json": f'{{\n  "FAKE_ACCESS_TOKEN": "{HEX}",\n'
                                  f'  "ACCESS_TOKEN": "{HEX[::-1]}"\n}}\n'},
         {("config/config.json", 3)}),
        # an API route after its port
        ("numerique-gouv/francetransfert", {
            "src/environments/environment.ts":
                "export const environment = {\n"
                "  validatePassword: '8081/api-private/download-module/validate-password',\n"
                f"  adminPassword: '{drawn[2]}',\n}};\n"},
         {("src/environments/environment.ts", 3)}),
    ]


@pytest.mark.parametrize("case", range(4), ids=[
    "dependency-constraint", "e2e-stand-ins", "named-fake", "route-after-port"])
def test_fresh14_stand_ins_routes_and_dependencies_are_no_secret(
        make_repo: Any, case: int) -> None:
    """Four classes of false blocking findings of fresh14's repositories, each in a real
    repository beside a drawn value that still blocks: a Composer dependency named for a
    token at a branch's constraint (EsupPortail/esup-sygal), an end-to-end stack's
    `.env.e2e` whose values say what they are (incubateur-ademe/benefriches; the file
    then holds no credential and does not block either), a token its name calls fake
    (france-connect/service-provider-example), an API route after its port
    (numerique-gouv/francetransfert)."""
    _repository, files, expected = _fresh14_cases()[case]
    root = make_repo({"README.md": "# x\n", **files})
    report = check_json(root, *RULES)
    assert {(f["path"], f.get("line")) for f in findings_of(report)
            if f["severity"] == "error"} == expected


def test_a_decimal_numbers_digits_hold_no_nir(make_repo: Any) -> None:
    """BioPP/bpp-phyl's model parameters (`Parameter("COA.EqFre16_2", 1.29894720163174)`)
    hold 15 digits around a point that a NIR's key accepts by chance: no sensitive
    finding. A NIR written with its points, or with none, is still found."""
    digits = "1298947201631"
    assert 97 - int(digits) % 97 == 74  # the real parameter's last two digits: its key
    nir, other = "1850578006084", "2910375123456"
    nir += f"{97 - int(nir) % 97:02d}"
    other += f"{97 - int(other) % 97:02d}"
    dotted = ".".join((nir[0], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13], nir[13:]))
    root = make_repo({
        "README.md": "# x\n",
        "Phyl/COA.cpp": 'addParameter_(Parameter("COA.EqFre16_2", 1.29894720163174  ));\n',
        "data/agents.csv": f"agent;{dotted}\nother;{other}\n",
    })
    report = check_json(root, "--rule", "sensitive-data-in-tree", "--no-history")
    assert sorted((f["path"], f["line"]) for f in findings_of(report)) == [
        ("data/agents.csv", 1), ("data/agents.csv", 2)]


def test_a_vendored_modules_env_file_without_a_secret_is_a_note(make_repo: Any) -> None:
    """SocialGouv/oblik vendors Go modules: `vendor/github.com/subosito/gotenv/.env` is
    that library's test file, told to be renamed or removed as if it were the project's.
    It is a note naming the copy, with nothing to do; the project's own such file still
    warns."""
    root = make_repo({"README.md": "# x\n", "go.mod": "module example.org/oblik\n",
                      "vendor/github.com/subosito/gotenv/.env": "HELLO=world\n",
                      "config/.env": "HELLO=world\n"})
    report = check_json(root, "--rule", "secret-file-committed", "--no-history")
    found = {f["path"]: f for f in findings_of(report)}
    assert {path: f["severity"] for path, f in found.items()} == {
        "vendor/github.com/subosito/gotenv/.env": "info", "config/.env": "warning"}
    vendored = found["vendor/github.com/subosito/gotenv/.env"]
    assert "another project's code (vendor/github.com)" in vendored["message"]
    assert vendored["fix"].startswith("Nothing to do")
