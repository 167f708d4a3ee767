using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Keys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AreaKeyHandovers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PersonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Expected = table.Column<int>(type: "integer", nullable: false),
                    Counted = table.Column<int>(type: "integer", nullable: false),
                    ReceiverId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReceiverCount = table.Column<int>(type: "integer", nullable: true),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AreaKeyHandovers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KeyClaims",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyClaims", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "KeyEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KeyCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LoanId = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyEvents_Keys_KeyCode",
                        column: x => x.KeyCode,
                        principalTable: "Keys",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KeyIncidentReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KeyCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReporterId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    What = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    When = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Where = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    How = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    EscalationId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyIncidentReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyIncidentReports_Keys_KeyCode",
                        column: x => x.KeyCode,
                        principalTable: "Keys",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KeyLoans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KeyCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BorrowerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HolderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ContractorName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContractorCompany = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OffSite = table.Column<bool>(type: "boolean", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueBack = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    OpenKeyCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ApprovedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HandedOutById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HandedOutAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReceivedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnProblem = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TransferToId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HandoverId = table.Column<long>(type: "bigint", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ListedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReasonOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyLoans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyLoans_Keys_KeyCode",
                        column: x => x.KeyCode,
                        principalTable: "Keys",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvents_KeyCode_At",
                table: "KeyEvents",
                columns: new[] { "KeyCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyIncidentReports_KeyCode",
                table: "KeyIncidentReports",
                column: "KeyCode");

            migrationBuilder.CreateIndex(
                name: "IX_KeyLoans_HolderId",
                table: "KeyLoans",
                column: "HolderId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyLoans_KeyCode",
                table: "KeyLoans",
                column: "KeyCode");

            migrationBuilder.CreateIndex(
                name: "IX_KeyLoans_OpenKeyCode",
                table: "KeyLoans",
                column: "OpenKeyCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AreaKeyHandovers");

            migrationBuilder.DropTable(
                name: "KeyClaims");

            migrationBuilder.DropTable(
                name: "KeyEvents");

            migrationBuilder.DropTable(
                name: "KeyIncidentReports");

            migrationBuilder.DropTable(
                name: "KeyLoans");
        }
    }
}
