package link.etcd.internal.http;

import link.etcd.EtcdException;
import retrofit2.Response;

/** Maps a complete HTTP exchange to a result; it may throw an {@link EtcdException}. */
public interface Mapper<T, R> {
  R map(Response<T> response);
}
