using Mediator;

// Made-up slices to prove the handler rule can fail. Not part of any module: discovery skips test assemblies.
namespace Organising.Architecture.Tests.Fakes.Handlers;

public static class WellFormedSlice
{
    public sealed record Command : ICommand<Unit>;

    internal sealed class Handler : ICommandHandler<Command, Unit>
    {
        public ValueTask<Unit> Handle(Command command, CancellationToken ct) => default;
    }
}

public static class PublicHandlerSlice
{
    public sealed record Query : IQuery<int>;

    public sealed class Handler : IQueryHandler<Query, int>
    {
        public ValueTask<int> Handle(Query query, CancellationToken ct) => default;
    }
}

public static class UnsealedHandlerSlice
{
    public sealed record Happened : INotification;

    internal class Handler : INotificationHandler<Happened>
    {
        public ValueTask Handle(Happened notification, CancellationToken ct) => default;
    }
}

public sealed class NonStaticSlice
{
    public sealed record Request : IRequest<int>;

    internal sealed class Handler : IRequestHandler<Request, int>
    {
        public ValueTask<int> Handle(Request request, CancellationToken ct) => default;
    }
}

internal sealed class TopLevelHandler : ICommandHandler<WellFormedSlice.Command, Unit>
{
    public ValueTask<Unit> Handle(WellFormedSlice.Command command, CancellationToken ct) => default;
}
