// Native helpers compiled into libvolsurfql.so next to the SWIG wrapper.
// Why they exist: one JNI crossing per batch instead of ~10 per option, Settings'
// evaluation date in one place, and QuantLib's template-only SVI interpolation
// turned into a plain function that SWIG can wrap.
#ifndef VOLSURF_QL_HPP
#define VOLSURF_QL_HPP

#include <ql/version.hpp>
#include <ql/settings.hpp>
#include <ql/errors.hpp>
#include <ql/time/date.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/calendars/target.hpp>
#include <ql/time/calendars/unitedstates.hpp>
#include <ql/time/daycounters/actual360.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>
#include <ql/utilities/dataparsers.hpp>
#include <ql/utilities/dataformatters.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/termstructures/yield/zerocurve.hpp>
#include <ql/termstructures/volatility/equityfx/blackconstantvol.hpp>
#include <ql/termstructures/volatility/equityfx/blackvariancesurface.hpp>
#include <ql/processes/blackscholesprocess.hpp>
#include <ql/instruments/payoffs.hpp>
#include <ql/exercise.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/pricingengines/blackformula.hpp>
#include <ql/pricingengines/vanilla/analyticeuropeanengine.hpp>
#include <ql/pricingengines/vanilla/baroneadesiwhaleyengine.hpp>
#include <ql/pricingengines/vanilla/bjerksundstenslandengine.hpp>
#include <ql/pricingengines/vanilla/fdblackscholesvanillaengine.hpp>
#include <ql/experimental/volatility/svismilesection.hpp>
#include <ql/experimental/volatility/sviinterpolation.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

namespace volsurf {

inline std::string quantLibVersion() { return QL_VERSION; }

inline void setEvaluationDate(const QuantLib::Date& d) {
    QuantLib::Settings::instance().evaluationDate() = d;
}
inline QuantLib::Date evaluationDate() {
    return QuantLib::Settings::instance().evaluationDate();
}

// ACT/365F: maturityYears * 365 days after ref. QuantLib is built with
// QL_HIGH_RESOLUTION_DATE here, so the fractional day is kept (to the microsecond)
// and year fractions come back as maturityYears to ~1e-13 years.
inline QuantLib::Date dateAfterYears(const QuantLib::Date& ref, double years) {
    QL_REQUIRE(std::isfinite(years) && years >= 0.0, "maturityYears must be finite and >= 0, got " << years);
#ifdef QL_HIGH_RESOLUTION_DATE
    long long micros = std::llround(years * 365.0 * 86400.0 * 1.0e6);
    return QuantLib::Date(ref.dateTime() + boost::posix_time::microseconds(micros));
#else
    return ref + static_cast<QuantLib::Date::serial_type>(std::llround(years * 365.0));
#endif
}

struct SviFitResult {
    double a, b, sigma, rho, m;
    double rmsError, maxError;
    int endCriteria;
};

// QuantLib's SVI calibration (XABR framework, Levenberg-Marquardt by default).
// Parameters in QuantLib order are a, b, sigma, rho, m; guesses are starting values.
inline SviFitResult sviFit(const std::vector<double>& strikes, const std::vector<double>& vols,
                           double expiryYears, double forward,
                           double a, double b, double sigma, double rho, double m,
                           bool vegaWeighted) {
    QL_REQUIRE(strikes.size() == vols.size(), "strikes and vols differ in length: "
               << strikes.size() << " vs " << vols.size());
    QL_REQUIRE(strikes.size() >= 5, "SVI needs at least 5 quotes, got " << strikes.size());
    QuantLib::SviInterpolation svi(strikes.begin(), strikes.end(), vols.begin(), expiryYears, forward,
                                   a, b, sigma, rho, m, false, false, false, false, false, vegaWeighted);
    svi.update();
    SviFitResult r;
    r.a = svi.a(); r.b = svi.b(); r.sigma = svi.sigma(); r.rho = svi.rho(); r.m = svi.m();
    r.rmsError = svi.rmsError(); r.maxError = svi.maxError();
    r.endCriteria = static_cast<int>(svi.endCriteria());
    return r;
}

// Prices many vanilla options with one crossing of the JNI boundary.
// Greeks follow QuantLib: vega per unit vol, theta per year, rho per unit rate.
// Engines that lack a Greek (FD: vega, rho; BAW and Bjerksund-Stensland: all)
// get it from central finite differences of the engine's own price.
class BatchPricer {
  public:
    // americanEngine: 0 = finite differences, 1 = Barone-Adesi-Whaley, 2 = Bjerksund-Stensland
    BatchPricer(int americanEngine, int fdTimeSteps, int fdGridPoints, int fdDampingSteps)
    : americanEngine_(americanEngine),
      referenceDate_(2, QuantLib::January, 2020),
      dayCounter_(QuantLib::Actual365Fixed()),
      spot_(QuantLib::ext::make_shared<QuantLib::SimpleQuote>(100.0)),
      rate_(QuantLib::ext::make_shared<QuantLib::SimpleQuote>(0.0)),
      div_(QuantLib::ext::make_shared<QuantLib::SimpleQuote>(0.0)),
      vol_(QuantLib::ext::make_shared<QuantLib::SimpleQuote>(0.2)) {
        using namespace QuantLib;
        QL_REQUIRE(americanEngine >= 0 && americanEngine <= 2, "unknown American engine code " << americanEngine);
        QL_REQUIRE(fdTimeSteps > 0 && fdGridPoints > 2 && fdDampingSteps >= 0, "bad FD grid");
        Handle<YieldTermStructure> r(QuantLib::ext::make_shared<FlatForward>(referenceDate_, Handle<Quote>(rate_), dayCounter_));
        Handle<YieldTermStructure> q(QuantLib::ext::make_shared<FlatForward>(referenceDate_, Handle<Quote>(div_), dayCounter_));
        Handle<BlackVolTermStructure> v(QuantLib::ext::make_shared<BlackConstantVol>(referenceDate_, NullCalendar(), Handle<Quote>(vol_), dayCounter_));
        process_ = QuantLib::ext::make_shared<BlackScholesMertonProcess>(Handle<Quote>(spot_), q, r, v);
        european_ = QuantLib::ext::make_shared<AnalyticEuropeanEngine>(process_);
        switch (americanEngine) {
          case 0: american_ = QuantLib::ext::make_shared<FdBlackScholesVanillaEngine>(process_, fdTimeSteps, fdGridPoints, fdDampingSteps); break;
          case 1: american_ = QuantLib::ext::make_shared<BaroneAdesiWhaleyApproximationEngine>(process_); break;
          default: american_ = QuantLib::ext::make_shared<BjerksundStenslandApproximationEngine>(process_); break;
        }
    }

    // out holds 6*n values per contract in the order price, delta, gamma, vega, theta, rho.
    void price(int n, double* spot, double* strike, double* maturityYears, double* rate, double* div,
               double* vol, int* isCall, int* isAmerican, double* out) {
        setEvaluationDate(referenceDate_);
        for (int i = 0; i < n; ++i) {
            try {
                priceOne(spot[i], strike[i], maturityYears[i], rate[i], div[i], vol[i],
                         isCall[i] != 0, isAmerican[i] != 0, out + 6 * i);
            } catch (std::exception& e) {
                QL_FAIL("contract " << i << ": " << e.what());
            }
        }
    }

  private:
    void priceOne(double s, double k, double t, double r, double q, double v, bool call, bool american,
                  double* o) {
        using namespace QuantLib;
        const Option::Type type = call ? Option::Call : Option::Put;
        if (!american) {
            VanillaOption opt = makeOption(type, k, t, false);
            setMarket(s, r, q, v);
            opt.setPricingEngine(european_);
            o[0] = opt.NPV(); o[1] = opt.delta(); o[2] = opt.gamma();
            o[3] = opt.vega(); o[4] = opt.theta(); o[5] = opt.rho();
            return;
        }
        VanillaOption opt = makeOption(type, k, t, true);
        opt.setPricingEngine(american_);
        setMarket(s, r, q, v);
        o[0] = opt.NPV();
        if (americanEngine_ == 0) {
            // FD engine: delta, gamma, theta read off its grid.
            o[1] = opt.delta(); o[2] = opt.gamma(); o[4] = opt.theta();
        } else {
            const double h = 1.0e-3 * s;   // BAW/BS critical price does not depend on spot: smooth in s
            setMarket(s + h, r, q, v); const double up = opt.NPV();
            setMarket(s - h, r, q, v); const double dn = opt.NPV();
            o[1] = (up - dn) / (2 * h);
            o[2] = (up - 2 * o[0] + dn) / (h * h);
            const double ht = std::min(1.0 / 365.0, 0.5 * t);
            setMarket(s, r, q, v);
            VanillaOption longer = makeOption(type, k, t + ht, true);
            longer.setPricingEngine(american_);
            VanillaOption shorter = makeOption(type, k, t - ht, true);
            shorter.setPricingEngine(american_);
            o[4] = -(longer.NPV() - shorter.NPV()) / (2 * ht);   // theta: value lost as calendar time passes
        }
        const double hv = 1.0e-4;
        setMarket(s, r, q, v + hv); const double vUp = opt.NPV();
        setMarket(s, r, q, v - hv); const double vDn = opt.NPV();
        o[3] = (vUp - vDn) / (2 * hv);
        const double hr = 1.0e-4;
        setMarket(s, r + hr, q, v); const double rUp = opt.NPV();
        setMarket(s, r - hr, q, v); const double rDn = opt.NPV();
        o[5] = (rUp - rDn) / (2 * hr);
        setMarket(s, r, q, v);
    }

    QuantLib::VanillaOption makeOption(QuantLib::Option::Type type, double k, double t, bool american) const {
        using namespace QuantLib;
        QL_REQUIRE(t > 0.0, "maturityYears must be > 0, got " << t);
        auto payoff = QuantLib::ext::make_shared<PlainVanillaPayoff>(type, k);
        const Date expiry = dateAfterYears(referenceDate_, t);
        QuantLib::ext::shared_ptr<Exercise> exercise;
        if (american) exercise = QuantLib::ext::make_shared<AmericanExercise>(referenceDate_, expiry);
        else exercise = QuantLib::ext::make_shared<EuropeanExercise>(expiry);
        return VanillaOption(payoff, exercise);
    }

    void setMarket(double s, double r, double q, double v) {
        spot_->setValue(s); rate_->setValue(r); div_->setValue(q); vol_->setValue(v);
    }

    int americanEngine_;
    QuantLib::Date referenceDate_;
    QuantLib::DayCounter dayCounter_;
    QuantLib::ext::shared_ptr<QuantLib::SimpleQuote> spot_, rate_, div_, vol_;
    QuantLib::ext::shared_ptr<QuantLib::GeneralizedBlackScholesProcess> process_;
    QuantLib::ext::shared_ptr<QuantLib::PricingEngine> european_, american_;
};

}  // namespace volsurf

#endif
