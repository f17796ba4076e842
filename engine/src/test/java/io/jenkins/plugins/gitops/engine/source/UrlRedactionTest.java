package io.jenkins.plugins.gitops.engine.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URLs as people see them: no user information, no query values, no fragment. */
class UrlRedactionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://git.example.com/shop.git                          | https://git.example.com/shop.git",
        "https://ann:tok3n@git.example.com/shop.git                | https://git.example.com/shop.git",
        "https://git.example.com/shop.git?access_token=ghp_Abc123  | https://git.example.com/shop.git?access_token=****",
        "https://git.example.com/r.git?a=1&private_token=xyz&flag  | https://git.example.com/r.git?a=****&private_token=****&****",
        "https://git.example.com/r.git#ghp_Abc123                  | https://git.example.com/r.git#****",
        "HTTPS://host?token=ghp_Abc123                             | HTTPS://host?token=****",
        "https://user@host:8443/a/b?sig=abc%2Fdef                  | https://host:8443/a/b?sig=****",
        "git@github.com:shop/config.git                            | git@github.com:shop/config.git",
        "/srv/git/what?.git                                        | /srv/git/what?.git",
    })
    void shouldShowNoUserInformationNorQueryValues(String url, String shown) {
        assertThat(UrlRedaction.redact(url)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://ann:tok3n@host/r.git?access_token=abc%2Fdef | failed for tok3n and abc%2Fdef and abc/def | failed for **** and **** and ****",
        "https://host/r.git?x=1                              | x=1 stays                                 | x=1 stays",
    })
    void shouldMaskTheSecretsOfAUrlInAText(String url, String text, String masked) {
        assertThat(UrlRedaction.mask(text, url)).isEqualTo(masked);
    }
}
