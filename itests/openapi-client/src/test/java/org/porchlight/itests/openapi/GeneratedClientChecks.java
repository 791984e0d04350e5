package org.porchlight.itests.openapi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.Test;
import org.porchlight.client.ApiClient;
import org.porchlight.client.ApiException;
import org.porchlight.client.api.AccountApi;
import org.porchlight.client.api.AgencyApi;
import org.porchlight.client.api.AgencyRequestApi;
import org.porchlight.client.api.AuthApi;
import org.porchlight.client.api.RegistrationApi;
import org.porchlight.client.model.AccountActivation;
import org.porchlight.client.model.AccountSignUp;
import org.porchlight.client.model.Agency;
import org.porchlight.client.model.AgencyForm;
import org.porchlight.client.model.AgencyInvite;
import org.porchlight.client.model.AgencyRequestNewRequest;
import org.porchlight.client.model.Area;
import org.porchlight.client.model.Circle;
import org.porchlight.client.model.DirectoryInvitation;
import org.porchlight.client.model.FootageRequest;
import org.porchlight.client.model.GeoPoint;
import org.porchlight.client.model.Registration;
import org.porchlight.client.model.RegistrationCameraForm;

/**
 * A Java client generated from docs/openapi.json (openapi-generator, native java.net.http and
 * Jackson) walks an agency's first footage request against the distribution {@link OpenApiSuiteIT} started:
 * the platform admin creates the agency with a circular jurisdiction, a resident signs up and
 * registers a camera, an invited officer drafts a request.
 */
public class GeneratedClientChecks {

    private static final String PASSWORD = "a long enough passphrase";
    private static final double LAT = 39.0997;
    private static final double LON = -94.5786;

    @Test
    public void anAgencyDraftsItsFirstFootageRequestThroughTheGeneratedClient() throws ApiException {
        ApiClient admin = signedIn(OpenApiSuiteIT.ADMIN_EMAIL, OpenApiSuiteIT.ADMIN_PASSWORD);
        Agency agency = new AgencyApi(admin).agencyCreate(new AgencyForm().code("OAPD").name("OpenAPI Police")
                .timeZone("America/Chicago").contactEmail("records@oapd.example")
                .jurisdiction(circle(LAT, LON, 20_000)));
        assertEquals("OAPD", agency.getCode());
        assertTrue("the jurisdiction reads back as a circle", agency.getJurisdiction().getActualInstance() instanceof Circle);

        new AccountApi(anonymous()).accountSignUp(new AccountSignUp().email("rae@openapi.example").password(PASSWORD)
                .displayName("Rae"));
        Registration camera = new RegistrationApi(signedIn("rae@openapi.example", PASSWORD)).registrationCreate(
                new RegistrationCameraForm().location(new GeoPoint().latitude(LAT).longitude(LON)).address("1 Main St")
                        .kind(RegistrationCameraForm.KindEnum.DOORBELL).recording(true).retentionDays(30).contactOk(true)
                        .paused(false));
        assertNotNull(camera.getId());

        DirectoryInvitation invited = new AgencyApi(admin).agencyInvite("OAPD", new AgencyInvite().email("ito@openapi.example")
                .displayName("Officer Ito").role("OFFICER"));
        new AccountApi(anonymous()).accountActivate(new AccountActivation().token(invited.getActivationToken())
                .password(PASSWORD));

        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.SECONDS);
        FootageRequest draft = new AgencyRequestApi(signedIn("ito@openapi.example", PASSWORD)).agencyRequestDraft("OAPD",
                new AgencyRequestNewRequest().caseNumber("OA-1").incidentType(AgencyRequestNewRequest.IncidentTypeEnum.BURGLARY)
                        .windowStart(end.minusHours(2)).windowEnd(end).area(circle(LAT, LON, 200))
                        .message("A burglary overnight; footage of the street would help."));
        assertEquals(FootageRequest.StateEnum.DRAFT, draft.getState());
        assertEquals("OA-1", draft.getCaseNumber());
    }

    private static Area circle(double lat, double lon, double radiusMeters) {
        return new Area(new Circle().type(Circle.TypeEnum.CIRCLE).center(new GeoPoint().latitude(lat).longitude(lon))
                .radiusMeters(radiusMeters));
    }

    private static ApiClient anonymous() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + OpenApiSuiteIT.port() + "/api");
        return client;
    }

    private static ApiClient signedIn(String email, String password) throws ApiException {
        String token = new AuthApi(anonymous()).authToken("password", password, null, email).getAccessToken();
        return anonymous().setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }
}
