using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

// A made-up module to prove the public-surface and page rules can fail. Discovery skips test assemblies.
namespace Organising.Architecture.Tests.Fakes.Surface
{
    public static class FakeModule;

    public sealed class IndexModel : PageModel;

    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    public sealed class OpenPageModel : PageModel;

    public static class CreateThing
    {
        public sealed record Command : ICommand<Unit>;

        public sealed record Result(Guid Id);

        internal sealed class Handler : ICommandHandler<Command, Unit>
        {
            public ValueTask<Unit> Handle(Command command, CancellationToken ct) => default;
        }
    }

    // Violations: public types that are neither the entry class, a page model, nor part of a slice.
    public sealed class ThingRepository;

    public static class StringHelpers;

    public static class NotASlice
    {
        public sealed record Dto;
    }

    internal sealed class Hidden;
}

namespace AspNetCoreGeneratedDocument
{
    public sealed class Areas_Fake_Pages_Index;
}
