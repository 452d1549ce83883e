/** A program on the module path that uses link-etcd. */
module com.example.modular {
  requires link.etcd;

  // Moshi maps the program's records to trees and back.
  opens com.example.modular to
      com.squareup.moshi;
}
