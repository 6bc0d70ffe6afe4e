/* A stand-in icuuc.dll for running the Windows build under Wine (tests/packaging/wine_host.py).

   Qt6Core.dll imports these 20 ucnv_* converter functions from icuuc.dll, which Windows 10 1703 and
   later keep in System32 and Wine does not have. Every converter open fails (U_FILE_ACCESS_ERROR) and
   no codec is listed, so Qt keeps to its built-in UTF-8/16/32 and Latin-1 converters; Hecha never asks
   Qt for another codec. The check compares this list with Qt6Core.dll's imports before using it. */
#include <stdint.h>
#include <stddef.h>
typedef int UErrorCode;
#define FAIL(e) do { if ((e) && *(e) <= 0) *(e) = 4; } while (0)
#define API __declspec(dllexport)
API void *ucnv_open(const char *n, UErrorCode *e) { FAIL(e); return NULL; }
API void ucnv_close(void *c) {}
API void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
API void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
API void ucnv_reset(void *c) {}
API int8_t ucnv_getMaxCharSize(const void *c) { return 1; }
API const char *ucnv_getName(const void *c, UErrorCode *e) { FAIL(e); return ""; }
API void ucnv_getToUCallBack(const void *c, void **a, const void **x) { if (a) *a = NULL; if (x) *x = NULL; }
API void ucnv_getFromUCallBack(const void *c, void **a, const void **x) { if (a) *a = NULL; if (x) *x = NULL; }
API void ucnv_setToUCallBack(void *c, void *a, const void *x, void **oa, const void **ox, UErrorCode *e) { if (oa) *oa = NULL; if (ox) *ox = NULL; FAIL(e); }
API void ucnv_setFromUCallBack(void *c, void *a, const void *x, void **oa, const void **ox, UErrorCode *e) { if (oa) *oa = NULL; if (ox) *ox = NULL; FAIL(e); }
API void ucnv_cbToUWriteUChars(void *a, const uint16_t *s, int32_t n, int32_t o, UErrorCode *e) { FAIL(e); }
API void ucnv_cbFromUWriteUChars(void *a, const uint16_t **s, const uint16_t *l, int32_t o, UErrorCode *e) { FAIL(e); }
API void ucnv_toUnicode(void *c, uint16_t **t, const uint16_t *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *e) { FAIL(e); }
API void ucnv_fromUnicode(void *c, char **t, const char *tl, const uint16_t **s, const uint16_t *sl, int32_t *o, int8_t f, UErrorCode *e) { FAIL(e); }
API int32_t ucnv_toUCountPending(const void *c, UErrorCode *e) { return 0; }
API int32_t ucnv_fromUCountPending(const void *c, UErrorCode *e) { return 0; }
API const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *e) { return NULL; }
API const char *ucnv_getAvailableName(int32_t n) { return NULL; }
API int32_t ucnv_countAvailable(void) { return 0; }
