using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Expected = table.Column<int>(type: "INTEGER", nullable: false),
                    Counted = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceiverId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReceiverCount = table.Column<int>(type: "INTEGER", nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AreaKeyHandovers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KeyClaims",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyClaims", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "KeyEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeyCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LoanId = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeyCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReporterId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    When = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Where = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    How = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    EscalationId = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeyCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BorrowerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HolderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ContractorName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContractorCompany = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OffSite = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueBack = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OpenKeyCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ApprovedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandedOutById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HandedOutAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceivedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnProblem = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TransferToId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HandoverId = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ListedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReasonOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
