package conf

import (
	"crypto/x509"
	"fmt"
	"os"
)

// CertPool reads a PEM file of CA certificates (a ca_file key) into a pool
// that replaces the system roots for one server. A missing or unreadable
// file, or one holding no certificate, is an error naming the file.
func CertPool(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("no PEM certificate in %s", path)
	}
	return pool, nil
}
