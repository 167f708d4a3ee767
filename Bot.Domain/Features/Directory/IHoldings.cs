namespace Bot.Domain.Features.Directory;

/// <summary>
/// What a person still has of the department's — keys, files, hazardous materials, ticket takings — one line each in
/// the language asked for. Each feature answers for its own; whoever retires a person is told (第6篇 1.2.7: one who
/// leaves returns what they borrowed first; 第4篇 1.2.5 keys; 第13篇 4.0; 第12篇 3).
/// </summary>
public interface IHoldings
{
    Task<IReadOnlyList<string>> OfAsync(string personId, string language, CancellationToken cancellationToken);
}
