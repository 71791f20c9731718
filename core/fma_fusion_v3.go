//go:build amd64.v3

package core

// goFusesMulAdd reports whether the compiler fuses a*b+c into one rounding in this build (it does
// from GOAMD64=v3 on), which changes pure-Go math such as math.Log1p.
const goFusesMulAdd = true
