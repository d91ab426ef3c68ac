// A stand-in for Windows' bcryptprimitives.dll, which Debian 12's Wine 8
// lacks: Go >= 1.22 binaries get their random bytes from its ProcessPrng
// and die at start without it. Used only to run the Windows build under
// Wine in `make test-windows`; never shipped.
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!RtlGenRandom(data, n)) return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
