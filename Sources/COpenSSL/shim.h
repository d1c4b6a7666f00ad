#ifndef TIDEMARK_COPENSSL_SHIM_H
#define TIDEMARK_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif
