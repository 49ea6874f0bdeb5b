import Foundation
import NIOCore

/// Hands what one of the shell's pipes gives to its run; the channel closes at the pipe's end
/// (or when the run has had too much), and the run hears that the reader is done.
final class ShellOutputReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let run: CommandRun
    private let field: WritableKeyPath<ShellCommand.Outcome, Data> & Sendable

    init(run: CommandRun, field: WritableKeyPath<ShellCommand.Outcome, Data> & Sendable) {
        self.run = run
        self.field = field
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !run.append(unwrapInboundIn(data), to: field) { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        run.readerFinished()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
