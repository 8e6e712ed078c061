//! The accept loop of `morgue serve`: a cap on open connections, hyper's HTTP/1 settings
//! (how long a request head may take, how large it may grow), a cut for clients that stop
//! reading their answer, and a graceful stop with a deadline.
//!
//! `axum::serve` offers none of these, so connections are served here with hyper directly;
//! the routes are the same axum `Router`.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::Sleep;

use super::limits::{self, Tunable};

/// Serves `router` on `listener` until `stop` completes, then lets open connections finish
/// their request for at most `tunable.shutdown_grace`.
pub async fn run(
    listener: TcpListener,
    router: Router,
    tunable: &Tunable,
    stop: impl Future<Output = ()>,
) {
    let open = Arc::new(Semaphore::new(tunable.max_connections));
    let graceful = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        // A slot first, then the accept: at the cap, new connections wait in the kernel's
        // listen queue (and are answered when a slot frees) instead of costing memory here.
        let slot = tokio::select! {
            () = &mut stop => break,
            slot = open.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break, // closed: never, the semaphore lives in this function
            },
        };
        let stream = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    accept_failed(&error).await;
                    continue;
                }
            },
        };
        // Small answers go out at once rather than waiting for more to send.
        let _ = stream.set_nodelay(true);
        let connection = http1(tunable).serve_connection(
            TokioIo::new(StallGuard::new(stream, limits::WRITE_STALL_TIMEOUT)),
            TowerToHyperService::new(router.clone()),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A connection's end is a client's business (closed, timed out, sent garbage);
            // hyper has already answered what deserved an answer.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(tunable.shutdown_grace) => {
            eprintln!(
                "morgue: stopped with requests still open after {:.1} s",
                tunable.shutdown_grace.as_secs_f64()
            );
        }
    }
}

/// hyper's HTTP/1 settings for every connection.
fn http1(tunable: &Tunable) -> hyper::server::conn::http1::Builder {
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        // The header timeout needs a timer; without one hyper ignores it.
        .timer(TokioTimer::new())
        // Runs from the moment hyper waits for a request head, so it also closes
        // keep-alive connections left idle that long.
        .header_read_timeout(tunable.header_read_timeout)
        // A head that does not end within this many bytes is answered 431 by hyper; below
        // it, the limits layer tells a long URL (414) from long headers (431).
        .max_buf_size(limits::MAX_HEAD_BYTES)
        .max_headers(limits::MAX_HEADER_COUNT);
    builder
}

/// Waits after a failed accept. Most failures concern one connection (reset before it was
/// taken); running out of file descriptors would fail again at once, so back off briefly.
async fn accept_failed(error: &io::Error) {
    let pause = match error.raw_os_error() {
        // EMFILE, ENFILE, ENOBUFS, ENOMEM
        Some(24 | 23 | 105 | 12) => Duration::from_millis(100),
        _ => Duration::from_millis(1),
    };
    tokio::time::sleep(pause).await;
}

/// A TCP stream that fails a write which has made no progress for `limit`: a client that
/// stops reading its answer would otherwise hold its connection slot forever.
struct StallGuard {
    stream: TcpStream,
    limit: Duration,
    /// Armed when a write is first refused, cleared when one goes through.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl StallGuard {
    fn new(stream: TcpStream, limit: Duration) -> StallGuard {
        StallGuard {
            stream,
            limit,
            stalled: None,
        }
    }

    /// After the stream refused to take more: an error once it has refused for too long.
    fn poll_stall<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let limit = self.limit;
        let timer = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn progress<T>(
        &mut self,
        poll: Poll<io::Result<T>>,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<T>> {
        match poll {
            Poll::Pending => self.poll_stall(cx),
            ready => {
                self.stalled = None;
                ready
            }
        }
    }
}

impl AsyncRead for StallGuard {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        // Reads are bounded by hyper: the header timeout while a head is awaited, and a
        // request body nobody reads makes hyper close the connection after the answer.
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for StallGuard {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.progress(poll, cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.progress(poll, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_flush(cx);
        self.progress(poll, cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_shutdown(cx);
        self.progress(poll, cx)
    }
}
