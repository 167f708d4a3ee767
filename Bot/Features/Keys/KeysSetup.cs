using Bot.Domain.Conversations;
using Bot.Domain.Features.Escalation;
using Bot.Domain.Features.Keys;
using Bot.Features.Directory;
using Bot.Domain.Features.Directory;
using Bot.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Features.Keys;

public static class KeysSetup
{
    /// <summary>A key as the admin API shows it.</summary>
    public sealed record KeyView(string Code, string Kind, string Opens, string StoragePlace, string? CustodianId, string Status);

    public static WebApplicationBuilder AddKeys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IUnitFacts, KeyUnitFacts>();
        services.AddScoped<IHoldings, KeyHoldings>();
        services.AddScoped<ITodos, KeyTodos>();
        services.AddOptions<KeysOptions>()
            .Bind(builder.Configuration.GetSection(KeysOptions.Section))
            .Validate(o => !o.Problems().Any(), "Keys:EscalateAfter and Keys:DefaultLoan must be positive (DefaultLoan at most a day); Keys:AreaCollectShift and Keys:AreaReturnShift must name shifts.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KeysOptions>>().Value.ToPolicy());
        services.AddScoped<IKeyStore, KeyStore>();
        services.AddScoped<KeyDesk>();
        services.AddScoped<AreaKeys>();
        services.AddScoped<KeyWatch>();
        services.AddScoped<KeyDailyCheck>();
        services.AddScoped<IKeysOut, KeysOutList>();
        services.AddScoped<IDigestSection, KeysDigestSection>();
        services.AddScoped<KeyImporter>();

        Flow<BorrowKeyCommand>(services);
        Flow<ReturnKeyCommand>(services);
        Flow<TransferKeyCommand>(services);
        Flow<KeyReasonCommand>(services);
        Flow<CollectAreaKeysCommand>(services);
        Flow<ReturnAreaKeysCommand>(services);
        Flow<CountAreaKeysCommand>(services);
        services.AddScoped<KeyIncidentFlow>();
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<KeyIncidentFlow>());
        services.AddScoped<IBotCommand>(sp => new ReportKeyCommand(sp.GetRequiredService<KeyIncidentFlow>(), IncidentKind.Lost));
        services.AddScoped<IBotCommand>(sp => new ReportKeyCommand(sp.GetRequiredService<KeyIncidentFlow>(), IncidentKind.Damaged));
        services.AddScoped<IBotCommand>(sp => new RepairKeyCommand(sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<KeyDesk>(), sp.GetRequiredService<EscalationService>(),
            sp.GetRequiredService<IDirectoryStore>(), replaced: false));
        services.AddScoped<IBotCommand>(sp => new RepairKeyCommand(sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<KeyDesk>(), sp.GetRequiredService<EscalationService>(),
            sp.GetRequiredService<IDirectoryStore>(), replaced: true));
        services.AddScoped<KeysOutCommand>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<KeysOutCommand>());
        services.AddScoped<IBotCommand, WhereIsKeyCommand>();
        services.AddScoped<IBotCommand, MyKeysCommand>();
        services.AddScoped<IBotCommand, KeyTrailCommand>();
        services.AddScoped<IBotCommand, HandOutCommand>();
        Flow<RefuseHandOutCommand>(services);
        services.AddScoped<IBotCommand, ReceiveCommand>();
        services.AddScoped<IBotCommand>(sp => new ApproveOffSiteCommand(sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<KeyDesk>(), approve: true));
        services.AddScoped<IBotCommand>(sp => new ApproveOffSiteCommand(sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<KeyDesk>(), approve: false));
        services.AddScoped<IBotCommand>(sp => new AcceptTransferCommand(sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<KeyDesk>(), accept: true));
        services.AddScoped<IBotCommand>(sp => new AcceptTransferCommand(sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<KeyDesk>(), accept: false));
        return builder;
    }

    /// <summary>The key register admin API (docs/keys-csv.md), behind the same X-Api-Key as the directory's.</summary>
    public static WebApplication MapKeys(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/keys").WithTags("Keys admin").AddEndpointFilter<DirectoryAdmin.AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/", (HttpRequest request, KeyImporter importer, IOptionsMonitor<AdminOptions> options, CancellationToken cancellationToken) =>
                DirectoryAdmin.ImportAsync(request, options.CurrentValue, importer.KeysAsync, cancellationToken))
            .WithName("ImportKeys")
            .WithSummary("Import the key register (钥匙登记)")
            .WithDescription("Columns: code, kind (area, unit, sealed, front_desk, show_flat), opens, storage_place; optional custodian_id, status (in, lost, damaged, sealed). All-or-nothing, upsert by code, nothing deleted. See docs/keys-csv.md.")
            .WithMetadata(new DirectoryAdmin.CsvBodyMetadata())
            .Produces<DirectoryAdmin.ImportProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/", ListAsync).WithName("ListKeys").WithSummary("List the key register (钥匙登记)");
        return app;
    }

    private static async Task<Ok<List<KeyView>>> ListAsync(BotDbContext db, CancellationToken cancellationToken)
    {
        var keys = await db.Set<Key>().AsNoTracking().OrderBy(k => k.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(k => new KeyView(k.Code, k.Kind.ToString(), k.Opens, k.StoragePlace, k.CustodianId, k.Status.ToString())).ToList());
    }

    private static void Flow<T>(IServiceCollection services) where T : class, IBotCommand, IConversationFlow
    {
        services.AddScoped<T>();
        services.AddScoped<IBotCommand>(sp => sp.GetRequiredService<T>());
        services.AddScoped<IConversationFlow>(sp => sp.GetRequiredService<T>());
    }
}
